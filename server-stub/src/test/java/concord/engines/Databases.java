package concord.engines;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh databases of either engine for a test class. Register it as a static field:
 * {@code @RegisterExtension static final Databases databases = new Databases();}.
 *
 * <p>The PostgreSQL server is shared by the whole test run: it is started the first time a class asks for a
 * PostgreSQL database and kept in the root extension context's store, which closes it when the run ends. Starting
 * it costs seconds (the first time also unpacking the binaries); a database on it costs a fraction of one.
 * The databases a class made are dropped after the class.
 */
public final class Databases implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Databases.class);

    private ExtensionContext.Store root;
    private final List<TestDatabase> made = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        root = context.getRoot().getStore(NAMESPACE);
    }

    /** A new, empty database of {@code engine}, dropped after the class. */
    public synchronized TestDatabase fresh(Engine engine) {
        TestDatabase db = engine == Engine.SQLITE ? TestDatabase.sqlite() : TestDatabase.postgres(postgres());
        made.add(db);
        return db;
    }

    /** The run's PostgreSQL server, started on first use. */
    public TestPostgres postgres() {
        if (root == null) {
            throw new IllegalStateException("register Databases with @RegisterExtension on a static field");
        }
        return root.getOrComputeIfAbsent(TestPostgres.class, k -> TestPostgres.start(), TestPostgres.class);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        for (TestDatabase db : made) {
            db.close();
        }
        made.clear();
    }
}
