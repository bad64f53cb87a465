package concord.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency directions of docs/architecture.md ("The rules"), stated once; a new rule goes in both places. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("concord");
    }

    @Test
    void modelDependsOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("concord.model..")
                .should().dependOnClassesThat().resideOutsideOfPackages("concord.model..", "java..")
                .because("notes, ETags and versions are plain values every other part shares")
                .check(production);
    }

    @Test
    void mergeEngineKnowsNoUiHttpOrStorage() {
        noClasses().that().resideInAPackage("concord.merge..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "org.fxmisc..", "okhttp3..", "io.javalin..", "java.sql..", "java.net.http..",
                        "concord.client..", "concord.ui..", "concord.server..", "concord.store..", "concord.wire..", "concord.app..")
                .because("the merge engine is pure text in, text out, used by the dialog, the client and the command line")
                .check(production);
    }

    @Test
    void clientKnowsNoJavaFxAndNoServer() {
        noClasses().that().resideInAPackage("concord.client..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "org.fxmisc..", "io.javalin..", "concord.ui..", "concord.server..", "concord.store..", "concord.app..")
                .because("the typed HTTP client and the drafts are usable and testable without a screen")
                .check(production);
    }

    @Test
    void serverKnowsNoUiAndNoClient() {
        noClasses().that().resideInAnyPackage("concord.server..", "concord.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "org.fxmisc..", "atlantafx..", "okhttp3..", "concord.ui..", "concord.client..", "concord.app..")
                .because("the server runs headless on its own and must not drag the desktop client along")
                .check(production);
    }

    @Test
    void storeHasNoHttpTypes() {
        noClasses().that().resideInAPackage("concord.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..", "concord.server..", "concord.wire..")
                .because("a second storage engine must be addable without touching HTTP")
                .check(production);
    }

    @Test
    void viewModelsKnowNoSceneGraph() {
        noClasses().that().resideInAPackage("concord.ui..").and().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.fxmisc..", "atlantafx..")
                .because("a view model holds a screen's state and logic as properties and methods, tested without a window;"
                        + " nodes, stages and dialogs are its view's")
                .check(production);
    }

    @Test
    void whatTheEditorHandsTheConflictHandlerCarriesNoJavaFx() {
        noClasses().that().resideInAPackage("concord.ui.conflict..").and().doNotHaveSimpleName("ConflictHandlerFactory")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fxmisc..", "atlantafx..")
                .because("requests, outcomes and resolution writers pass between view models (the editor, Save all, the"
                        + " dialog's); the window a dialog belongs to is given to the handler by the window factory")
                .check(production);
    }

    @Test
    void uiDoesNotReachIntoServerOrStore() {
        noClasses().that().resideInAPackage("concord.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("concord.server..", "concord.store..", "io.javalin..", "java.sql..")
                .because("the UI talks to notes only through the client, so it behaves the same against any server")
                .check(production);
    }
}
