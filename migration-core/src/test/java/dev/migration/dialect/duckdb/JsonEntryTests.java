package dev.migration.dialect.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JsonEntry}: what the engine packs, DuckDB unpacks as the log's view
 * does ({@code entry ->> 'column'}, cast to the column's type), on an in-memory DuckDB.
 */
class JsonEntryTests {

	private Connection connection;

	@BeforeEach
	void open() throws SQLException {
		this.connection = DriverManager.getConnection("jdbc:duckdb:");
	}

	@AfterEach
	void close() throws SQLException {
		this.connection.close();
	}

	@Test
	void textComesBackAsItWasWhateverItHolds() throws SQLException {
		StringBuilder controls = new StringBuilder();
		for (char c = 0; c < 0x20; c++) {
			controls.append(c);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("quotes", "say \"hi\" and 'bye'");
		values.put("backslashes", "C:\\path\\ and \\\" and \\u0041");
		values.put("lines", "CREATE TABLE t (\n\tid INT\r\n);\n-- done");
		values.put("controls", controls.toString());
		values.put("unicode", "café ✓ 𝄞 日本");
		values.put("empty", "");
		values.put("sql", "{\"not\": \"an object\"}, [1, 2]");
		String entry = JsonEntry.of(values);
		for (Map.Entry<String, Object> value : values.entrySet()) {
			assertThat(unpack(entry, value.getKey(), "VARCHAR")).as(value.getKey()).isEqualTo(value.getValue());
		}
	}

	@Test
	void numbersBooleansAndNullsKeepTheirTypes() throws SQLException {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("duration_us", Long.MAX_VALUE);
		values.put("duration_ms", -1L);
		values.put("checksum_version", 2);
		values.put("success", true);
		values.put("applied", false);
		values.put("error", null);
		String entry = JsonEntry.of(values);
		assertThat(unpack(entry, "duration_us", "BIGINT")).isEqualTo(Long.MAX_VALUE);
		assertThat(unpack(entry, "duration_ms", "BIGINT")).isEqualTo(-1L);
		assertThat(unpack(entry, "checksum_version", "INTEGER")).isEqualTo(2);
		assertThat(unpack(entry, "success", "BOOLEAN")).isEqualTo(true);
		assertThat(unpack(entry, "applied", "BOOLEAN")).isEqualTo(false);
		assertThat(unpack(entry, "error", "VARCHAR")).isNull();
		assertThat(unpack(entry, "absent", "VARCHAR")).isNull();
	}

	@Test
	void timestampsComeBackToTheMicrosecondWhateverTheirOffset() throws SQLException {
		OffsetDateTime precise = OffsetDateTime.of(2026, 12, 7, 1, 30, 5, 123_456_789, ZoneOffset.ofHours(2));
		OffsetDateTime onTheMinute = OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC);
		OffsetDateTime farAhead = OffsetDateTime.of(12026, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("precise", precise);
		values.put("on_the_minute", onTheMinute);
		values.put("far_ahead", farAhead);
		String entry = JsonEntry.of(values);
		assertThat(instant(entry, "precise")).isEqualTo(precise.truncatedTo(ChronoUnit.MICROS).toInstant());
		assertThat(instant(entry, "on_the_minute")).isEqualTo(onTheMinute.toInstant());
		assertThat(instant(entry, "far_ahead")).isEqualTo(farAhead.toInstant());
	}

	@Test
	void aValueOfAnotherTypeIsRefusedNamingItsColumn() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonEntry.of(Map.of("size", 1.5)))
			.withMessageContaining("'size'")
			.withMessageContaining("java.lang.Double");
	}

	private Instant instant(String entry, String column) throws SQLException {
		// Read back as text in UTC: the driver's own mapping of TIMESTAMPTZ is not at issue.
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT epoch_us(CAST(CAST(? AS VARCHAR) ->> ? AS TIMESTAMPTZ))")) {
			statement.setString(1, entry);
			statement.setString(2, column);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				long micros = rows.getLong(1);
				return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
			}
		}
	}

	private Object unpack(String entry, String column, String type) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT CAST(CAST(? AS VARCHAR) ->> ? AS " + type + ")")) {
			statement.setString(1, entry);
			statement.setString(2, column);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getObject(1);
			}
		}
	}

}
