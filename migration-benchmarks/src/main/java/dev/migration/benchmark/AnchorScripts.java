package dev.migration.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated script set in the anchors' own formats, written from the statements the
 * floor runs, so that every side runs the same SQL: Flyway's versioned files
 * {@code V<n>__m.sql} (the upgrade only: Flyway's community edition has no undo), and
 * one Liquibase formatted SQL changelog, a changeset per migration with its downgrade
 * as {@code --rollback} lines.
 *
 * @param directory where both are, in {@code flyway/} and {@code liquibase/}
 */
record AnchorScripts(Path directory) {

	/**
	 * The changelog's name in its directory.
	 */
	static final String CHANGELOG = "changelog.sql";

	static AnchorScripts write(ScriptSet scripts, Path directory) throws IOException {
		AnchorScripts anchors = new AnchorScripts(directory);
		Path flyway = Files.createDirectories(anchors.flyway());
		Path liquibase = Files.createDirectories(anchors.liquibase());
		StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n");
		int version = 0;
		for (Path file : FloorRunner.files(scripts.directory())) {
			version++;
			List<String> upgrade = FloorRunner.upgrade(file);
			Files.writeString(flyway.resolve("V" + version + "__m.sql"), sql(upgrade));
			String name = file.getFileName().toString();
			changelog.append("\n--changeset benchmark:").append(name, 0, name.indexOf('_')).append('\n');
			changelog.append(sql(upgrade));
			for (String statement : FloorRunner.downgrade(file)) {
				changelog.append("--rollback ").append(statement).append(";\n");
			}
		}
		Files.writeString(liquibase.resolve(CHANGELOG), changelog);
		return anchors;
	}

	/**
	 * Flyway's files.
	 * @return the directory of the {@code V<n>__m.sql} files
	 */
	Path flyway() {
		return this.directory.resolve("flyway");
	}

	/**
	 * Liquibase's changelog.
	 * @return the directory holding {@link #CHANGELOG}
	 */
	Path liquibase() {
		return this.directory.resolve("liquibase");
	}

	private static String sql(List<String> statements) {
		StringBuilder sql = new StringBuilder();
		for (String statement : statements) {
			sql.append(statement).append(";\n");
		}
		return sql.toString();
	}

}
