package dev.migration.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How this process describes itself in the lock and the history: {@code pid@host}.
 */
final class LockOwner {

	private static final String HOST = resolveHost();

	private static final String DESCRIPTION = ProcessHandle.current().pid() + "@" + HOST;

	private LockOwner() {
	}

	static String host() {
		return HOST;
	}

	static String description() {
		return DESCRIPTION;
	}

	private static String resolveHost() {
		String fromEnvironment = System.getenv("HOSTNAME");
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
