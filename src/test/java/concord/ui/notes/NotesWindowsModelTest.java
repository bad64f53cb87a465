package concord.ui.notes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.testfx.api.FxToolkit;

/**
 * Model-based: random sessions of two people in two windows — clicks, Ctrl+clicks, tags, typing, saves, refreshes,
 * Ctrl+R, Save mine anyway, and a third person saving on the server — against the real server, with the invariants
 * of {@link ModelDesk#check()} after every step: the editor is on the note the user clicked and the selection
 * names it; no note on the server changes unless someone saved it; nothing typed is lost or lands in another note.
 *
 * <p>On a failure jqwik prints the shrunk session, one action per line.
 */
class NotesWindowsModelTest {

    private final List<ModelDesk> open = new ArrayList<>();

    @BeforeContainer
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterTry
    void closeWindowsAndServer() {
        for (ModelDesk d : open) {
            d.close();
        }
        open.clear();
    }

    @Property(tries = 30, shrinking = ShrinkingMode.FULL)
    void inEveryStepTheEditorIsOnTheNoteClickedAndNothingTypedIsLostOrSavedElsewhere(
            @ForAll("sessions") ActionChain<ModelDesk> session) {
        session.withInvariant("the windows and the server agree with what the users did", ModelDesk::check).run();
    }

    @Provide
    Arbitrary<ActionChain<ModelDesk>> sessions() {
        return ActionChain.<ModelDesk>startWith(() -> {
                    ModelDesk d = new ModelDesk();
                    open.add(d);
                    return d;
                })
                .withAction(4, action((w, id) -> "click", (d, w, id) -> d.click(w, id, false)))
                .withAction(2, action((w, id) -> "Ctrl+click", (d, w, id) -> d.click(w, id, true)))
                .withAction(1, action((w, id) -> "click and type", (d, w, id) -> d.clickAndType(w, id)))
                .withAction(4, perWindow("type", ModelDesk::type))
                .withAction(2, perWindow("save", ModelDesk::save))
                .withAction(1, perWindow("save mine anyway", ModelDesk::saveMineAnyway))
                .withAction(2, tag())
                .withAction(2, perWindow("refresh", ModelDesk::refresh))
                .withAction(1, perWindow("reload", ModelDesk::reload))
                .withAction(1, carol())
                .withMaxTransformations(24);
    }

    private static Arbitrary<Integer> window() {
        return Arbitraries.integers().between(0, ModelDesk.USERS.size() - 1);
    }

    private static Arbitrary<String> note() {
        return Arbitraries.of(ModelDesk.IDS);
    }

    interface OnNote {
        void run(ModelDesk desk, int window, String id);
    }

    interface Describe {
        String of(int window, String id);
    }

    interface OnWindow {
        void run(ModelDesk desk, int window);
    }

    private static Action.Independent<ModelDesk> action(Describe name, OnNote act) {
        return () -> Combinators.combine(window(), note()).as((w, id) -> Transformer.mutate(
                ModelDesk.USERS.get(w) + ": " + name.of(w, id) + " " + ModelDesk.NOTES.get(id), d -> act.run(d, w, id)));
    }

    private static Action.Independent<ModelDesk> perWindow(String name, OnWindow act) {
        return () -> window().map(w -> Transformer.mutate(ModelDesk.USERS.get(w) + ": " + name, d -> act.run(d, w)));
    }

    private static Action.Independent<ModelDesk> tag() {
        return () -> Combinators.combine(window(), Arbitraries.of("urgent", "q3"))
                .as((w, tag) -> Transformer.mutate(ModelDesk.USERS.get(w) + ": add tag " + tag, d -> d.tag(w, tag)));
    }

    private static Action.Independent<ModelDesk> carol() {
        return () -> note().map(id -> Transformer.mutate("Carol edits " + ModelDesk.NOTES.get(id), d -> d.carolEdits(id)));
    }
}
