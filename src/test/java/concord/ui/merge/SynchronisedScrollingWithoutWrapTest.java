package concord.ui.merge;

/** {@link SynchronisedScrollingTest} with soft wrap off: long lines scroll sideways, every line is one row. */
class SynchronisedScrollingWithoutWrapTest extends SynchronisedScrollingTest {

    @Override
    boolean softWrap() {
        return false;
    }
}
