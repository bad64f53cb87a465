package concord.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the app remembers between runs (in {@code workspace.json} under the Concord home): the theme, and for each
 * user's window where it was, how big, and which note was open. Immutable; {@link WorkspaceFile} reads and writes it.
 *
 * @param dark    whether the dark theme was on
 * @param windows per user name
 */
public record Workspace(boolean dark, Map<String, WindowPlace> windows) {

    /** One window: its bounds on the screen and the note open in it (null when none, or a note never saved). */
    public record WindowPlace(double x, double y, double width, double height, String openNote) {
    }

    public static final Workspace DEFAULT = new Workspace(false, Map.of());

    public Workspace {
        windows = windows == null ? Map.of() : Map.copyOf(windows);
    }

    public Optional<WindowPlace> window(String user) {
        return Optional.ofNullable(windows.get(user));
    }

    public Workspace withDark(boolean on) {
        return new Workspace(on, windows);
    }

    public Workspace withWindow(String user, WindowPlace place) {
        Map<String, WindowPlace> copy = new LinkedHashMap<>(windows);
        copy.put(user, place);
        return new Workspace(dark, copy);
    }
}
