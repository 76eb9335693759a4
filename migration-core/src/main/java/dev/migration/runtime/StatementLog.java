package dev.migration.runtime;

import java.lang.System.Logger.Level;

/**
 * Logs each statement before it runs when echo is on.
 */
final class StatementLog {

	private static final LazyLogger logger = new LazyLogger("dev.migration.sql");

	private final boolean echo;

	StatementLog(boolean echo) {
		this.echo = echo;
	}

	void log(String revision, String sql) {
		if (this.echo) {
			logger.log(Level.INFO, "[{0}] {1}", revision, sql);
		}
	}

}
