package id.perisai.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct access to the test schema, to check what the service stored (and did not). */
public final class TestDb {

    /**
     * The local database the tests use: {@code test}, or the one named by {@code TEST_DB_NAME} (a second checkout
     * testing at the same time on the same server uses its own).
     */
    public static final String DATABASE = System.getenv().getOrDefault("TEST_DB_NAME", "test");
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE + "?currentSchema=perisai_test";

    /** The database of the running test application (a test profile may point it elsewhere). */
    static String url() {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse(URL);
        } catch (RuntimeException | LinkageError noConfig) {
            return URL;
        }
    }

    private TestDb() {
    }

    public static List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(url(), "postgres", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        return ((Number) query(sql, params).get(0).values().iterator().next()).longValue();
    }

    public static int update(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(url(), "postgres", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
