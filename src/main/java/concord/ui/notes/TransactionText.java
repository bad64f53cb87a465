package concord.ui.notes;

import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionResult;
import concord.ui.DisplayText;
import java.util.ArrayList;
import java.util.List;

/** How the window words the outcome of a multi-note action: why a transaction was canceled, note by note. */
final class TransactionText {

    private TransactionText() {
    }

    /**
     * One line per note that stopped a transaction, in item order.
     *
     * @param titles the items' titles, in item order
     * @param me     this window's user: their own save from another window is "You (in another window)"
     */
    static String explain(TransactionResult.Canceled canceled, List<String> titles, String me) {
        List<String> lines = new ArrayList<>();
        List<CancellationReason> reasons = canceled.reasons();
        for (int i = 0; i < reasons.size(); i++) {
            CancellationReason r = reasons.get(i);
            if (r.failed()) {
                String title = i < titles.size() ? DisplayText.title(titles.get(i)) : "A note";
                lines.add("• " + reason(title, r, me));
            }
        }
        return String.join("\n", lines);
    }

    private static String reason(String title, CancellationReason r, String me) {
        return switch (r.code()) {
            case ConditionalCheckFailed -> r.current() == null
                    ? "“" + title + "” was changed on the server since you loaded it"
                    : (me.equals(r.current().updatedBy()) ? "You (in another window)"
                    : DisplayText.author(r.current().updatedBy())) + " changed “" + title + "” since you loaded it";
            case NotFound -> "“" + title + "” was deleted on the server";
            case ValidationError -> "“" + title + "” could not be written: " + r.message();
            case None -> "“" + title + "” was fine";
        };
    }

    /** "1 note", "3 notes". */
    static String count(int n) {
        return DisplayText.notes(n);
    }
}
