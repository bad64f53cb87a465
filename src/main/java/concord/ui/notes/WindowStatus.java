package concord.ui.notes;

import concord.client.ApiResult;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Runs a window's calls off the FX thread and keeps what the status bar shows about them: how many are
 * under way, what the server connection looks like, and the latest notice.
 */
final class WindowStatus {

    private final Executor io;
    private final Executor disk;
    private final Executor fx;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<ConnectionState> connection = new ReadOnlyObjectWrapper<>(ConnectionState.CONNECTING);
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>();

    WindowStatus(Executor io, Executor disk, Executor fx) {
        this.io = io;
        this.disk = disk;
        this.fx = fx;
    }

    /** Runs {@code request} on the I/O executor and hands its result to {@code onResult} on the FX executor. */
    <T> void call(Supplier<ApiResult<T>> request, Consumer<ApiResult<T>> onResult) {
        running.set(running.get() + 1);
        try {
            io.execute(() -> {
                ApiResult<T> result;
                try {
                    result = request.get();
                } catch (RuntimeException e) {
                    // A bug or an unexpected library failure: shown like any other failed call, never swallowed.
                    result = new ApiResult.Invalid<>(0, "Unexpected error: " + e);
                }
                ApiResult<T> done = result;
                fx.execute(() -> {
                    running.set(running.get() - 1);
                    track(done);
                    onResult.accept(done);
                });
            });
        } catch (RejectedExecutionException e) {
            running.set(running.get() - 1); // the window is closing
        }
    }

    /** Runs draft I/O on the disk executor; a failure becomes a notice (the text stays in the editor). */
    void disk(String what, Runnable work) {
        try {
            disk.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    fx.execute(() -> notice.set(Notice.error("Could not " + what + ": " + e.getMessage()
                            + ". Your text is still in the editor.", null)));
                }
            });
        } catch (RejectedExecutionException e) {
            // The window is already closed and its last draft flushed.
        }
    }

    /** Runs blocking disk reads, delivering the value on the FX executor. */
    <T> void diskRead(Supplier<T> read, Consumer<T> onValue) {
        try {
            disk.execute(() -> {
                T value = read.get();
                fx.execute(() -> onValue.accept(value));
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void track(ApiResult<?> result) {
        if (result instanceof ApiResult.Unreachable) {
            connection.set(ConnectionState.OFFLINE);
        } else if (result instanceof ApiResult.Unauthorized) {
            connection.set(ConnectionState.UNAUTHORIZED);
        } else if (!(result instanceof ApiResult.Invalid<?> invalid && invalid.status() == 0)) {
            connection.set(ConnectionState.ONLINE);
        }
    }

    void show(Notice n) {
        notice.set(n);
    }

    void dismissNotice() {
        notice.set(null);
    }

    ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    /** A readable sentence for a failed call. */
    static String describe(ApiResult<?> failure) {
        if (failure instanceof ApiResult.Unreachable<?> u) {
            return "The server is unreachable (" + u.reason() + ")";
        } else if (failure instanceof ApiResult.Unauthorized<?> u) {
            return "The server refused your identity: " + u.detail();
        } else if (failure instanceof ApiResult.Invalid<?> i) {
            return i.status() == 0 ? i.detail() : "The server rejected the request (" + i.status() + "): " + i.detail();
        } else if (failure instanceof ApiResult.Gone<?> g) {
            return "The note no longer exists on the server" + (g.detail() == null ? "" : " (" + g.detail() + ")");
        }
        return String.valueOf(failure);
    }
}
