package dev.migration.runtime;

import java.lang.System.Logger.Level;

/**
 * A {@link System.Logger} looked up on first use. A start with nothing to migrate logs
 * nothing, so it should not pay for setting up the logging system either.
 */
final class LazyLogger {

	private final String name;

	private volatile System.Logger logger;

	LazyLogger(String name) {
		this.name = name;
	}

	void log(Level level, String format, Object... parameters) {
		logger().log(level, format, parameters);
	}

	void log(Level level, String message, Throwable failure) {
		logger().log(level, message, failure);
	}

	private System.Logger logger() {
		System.Logger current = this.logger;
		if (current == null) {
			current = System.getLogger(this.name);
			this.logger = current;
		}
		return current;
	}

}
