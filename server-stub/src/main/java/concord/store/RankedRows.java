package concord.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads one page of a list ranked by a position column, from a query asked for {@code limit + 1} rows: the extra
 * row only says that a page follows, which starts below the position of the page's last row.
 */
final class RankedRows {

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private RankedRows() {
    }

    static <T> Page<T> page(ResultSet rs, int limit, int positionColumn, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        long last = 0;
        while (rs.next()) {
            if (out.size() == limit) {
                return new Page<>(out, OptionalLong.of(last));
            }
            out.add(row.read(rs));
            last = rs.getLong(positionColumn);
        }
        return new Page<>(out, OptionalLong.empty());
    }
}
