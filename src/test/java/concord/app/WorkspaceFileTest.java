package concord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFileTest {

    @TempDir
    Path home;

    @Test
    void aSavedWorkspaceReadsBackIdenticalAndLeavesNoTemporaryFile() throws Exception {
        WorkspaceFile file = new WorkspaceFile(home.resolve("new-home"));
        Workspace w = Workspace.DEFAULT.withDark(true)
                .withWindow("Alice", new Workspace.WindowPlace(10, 20, 900, 700, "groceries"))
                .withWindow("Bob", new Workspace.WindowPlace(910, 20, 700, 700, null));
        file.save(w);
        assertEquals(w, file.load());
        file.save(w.withDark(false));
        assertEquals(w.withDark(false), file.load(), "saved over the old one");
        try (var listing = Files.list(file.path().getParent())) {
            assertEquals(List.of(WorkspaceFile.NAME), listing.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void noFileADamagedFileOrOneOfAnotherShapeGiveTheDefaults() throws Exception {
        WorkspaceFile file = new WorkspaceFile(home);
        assertEquals(Workspace.DEFAULT, file.load());
        Files.writeString(file.path(), "{\"dark\": tr", StandardCharsets.UTF_8);
        assertEquals(Workspace.DEFAULT, file.load());
        Files.writeString(file.path(), "[1, 2]", StandardCharsets.UTF_8);
        assertEquals(Workspace.DEFAULT, file.load());
        Files.writeString(file.path(), "null", StandardCharsets.UTF_8);
        assertEquals(Workspace.DEFAULT, file.load());
    }

    @Test
    void fieldsAVersionOfTomorrowAddsAreIgnored() throws Exception {
        WorkspaceFile file = new WorkspaceFile(home);
        Files.writeString(file.path(), "{\"dark\":true,\"fontSize\":14,\"windows\":{\"Alice\":{\"x\":1,\"y\":2,"
                + "\"width\":800,\"height\":600,\"openNote\":\"a\",\"split\":0.4}}}", StandardCharsets.UTF_8);
        Workspace w = file.load();
        assertTrue(w.dark());
        assertEquals(Optional.of(new Workspace.WindowPlace(1, 2, 800, 600, "a")), w.window("Alice"));
    }

    @Test
    void aWindowGoesBackOnlyWhereEnoughOfItIsOnAScreenToday() {
        List<Rectangle2D> oneScreen = List.of(new Rectangle2D(0, 0, 1600, 900));
        Workspace.WindowPlace inside = new Workspace.WindowPlace(100, 50, 800, 600, null);
        assertEquals(Optional.of(new Rectangle2D(100, 50, 800, 600)), WorkspaceMemory.placeOnScreens(inside, oneScreen));
        Workspace.WindowPlace onAScreenNowGone = new Workspace.WindowPlace(1700, 0, 800, 600, null);
        assertEquals(Optional.empty(), WorkspaceMemory.placeOnScreens(onAScreenNowGone, oneScreen));
        Workspace.WindowPlace barelyVisible = new Workspace.WindowPlace(1550, 0, 800, 600, null);
        assertEquals(Optional.empty(), WorkspaceMemory.placeOnScreens(barelyVisible, oneScreen), "50 px is too little to grab");
        Workspace.WindowPlace partly = new Workspace.WindowPlace(1300, 0, 800, 600, null);
        assertTrue(WorkspaceMemory.placeOnScreens(partly, oneScreen).isPresent());
        assertEquals(Optional.empty(), WorkspaceMemory.placeOnScreens(new Workspace.WindowPlace(0, 0, 0, 600, null), oneScreen));
        assertEquals(Optional.empty(), WorkspaceMemory.placeOnScreens(new Workspace.WindowPlace(Double.NaN, 0, 800, 600, null), oneScreen));
    }
}
