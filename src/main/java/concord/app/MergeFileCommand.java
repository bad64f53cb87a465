package concord.app;

import java.io.InputStream;
import java.io.PrintStream;

/** {@code concord.jar merge-file}: git merge-file's interface over Concord's merge engine. */
final class MergeFileCommand {

    private MergeFileCommand() {
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        err.println("merge-file: not yet implemented");
        return 255;
    }
}
