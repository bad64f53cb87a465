package concord.app;

import java.util.regex.Pattern;

/** Which user names a window may act as: they travel in the X-Concord-User header. */
final class DesktopUserNames {

    static final String RULE = "a user name is 1 to 40 letters, digits, spaces, dots, dashes or underscores (ASCII), "
            + "not starting or ending with a space";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]([A-Za-z0-9 ._-]{0,38}[A-Za-z0-9._-])?");

    private DesktopUserNames() {
    }

    static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
