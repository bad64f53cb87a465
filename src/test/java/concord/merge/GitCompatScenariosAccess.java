package concord.merge;

import java.util.ArrayList;
import java.util.List;

/** {@link GitCompatScenarios} for tests of other packages (the merge-file command's git interface). */
public final class GitCompatScenariosAccess {

    public record Scenario(String name, byte[] base, byte[] mine, byte[] theirs) {
        @Override
        public String toString() {
            return name;
        }
    }

    private GitCompatScenariosAccess() {
    }

    public static List<Scenario> all() {
        List<Scenario> out = new ArrayList<>();
        for (GitCompatScenarios.Scenario s : GitCompatScenarios.all()) {
            out.add(new Scenario(s.name(), s.base(), s.mine(), s.theirs()));
        }
        return out;
    }
}
