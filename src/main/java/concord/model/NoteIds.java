package concord.model;

import java.util.regex.Pattern;

/** The one rule for note ids, shared by server, client and UI. */
public final class NoteIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private NoteIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
