package concord.ui.merge;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;

/**
 * A place for the "saving" spinner. The indeterminate indicator (a dozen styled parts) is only made the first time
 * a save starts: most dialogs never save, and every open paid for its CSS and layout.
 */
final class SavingSpinner {

    private SavingSpinner() {
    }

    static Node whileBusy(ObservableBooleanValue busy) {
        StackPane place = new StackPane();
        place.setMinSize(22, 22);
        place.setPrefSize(22, 22);
        Runnable make = () -> {
            ProgressIndicator p = new ProgressIndicator();
            p.setId("merge-progress");
            p.setPrefSize(22, 22);
            p.visibleProperty().bind(busy);
            p.setAccessibleText("Saving");
            place.getChildren().add(p);
        };
        if (busy.get()) {
            make.run();
        } else {
            busy.addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                    if (now) {
                        busy.removeListener(this);
                        make.run();
                    }
                }
            });
        }
        return place;
    }
}
