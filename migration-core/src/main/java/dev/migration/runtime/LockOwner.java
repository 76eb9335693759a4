package dev.migration.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How this process describes itself in the lock and the history: {@code pid@host}.
 * <p>
 * Each part is worked out on first use, as a start that only reads the state needs
 * neither, and cheaply where the system allows it: on Linux the process id is the name
 * {@code /proc/self} links to and the host name is {@code /proc/sys/kernel/hostname}
 * (what {@code gethostname} returns). {@link ProcessHandle#current()} starts the JDK's
 * process reaper machinery (a thread pool, some sixty classes, tens of milliseconds in
 * a fresh JVM) and {@link InetAddress#getLocalHost()} resolves the name it finds, which
 * can wait on DNS: both stay as the fallbacks elsewhere.
 */
final class LockOwner {

	private static final Path SELF = Path.of("/proc/self");

	private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

	private LockOwner() {
	}

	/**
	 * This host's name, as recorded in the history.
	 * @return the {@code HOSTNAME} environment variable, else the system's host name
	 */
	static String host() {
		return Host.NAME;
	}

	/**
	 * This process, as the lock names its holder.
	 * @return {@code pid@host}
	 */
	static String description() {
		return Description.VALUE;
	}

	/**
	 * The process id: read from {@code /proc/self} where there is one.
	 * @param self the link to the process's own directory
	 * @return the id
	 */
	static long pid(Path self) {
		try {
			// The link's name is the id, as this process sees its own procfs.
			return Long.parseLong(Files.readSymbolicLink(self).toString());
		}
		catch (IOException | UnsupportedOperationException | SecurityException | NumberFormatException ex) {
			// Not Linux, or no procfs: ask the JDK.
		}
		return ProcessHandle.current().pid();
	}

	/**
	 * The host name: {@code HOSTNAME} when set, else the kernel's where it can be read,
	 * else the JDK's local host name.
	 * @param fromEnvironment the {@code HOSTNAME} environment variable, or {@code null}
	 * @param kernelHostname the file the kernel shows its host name in
	 * @return the name, {@code unknown-host} when none can be found
	 */
	static String host(String fromEnvironment, Path kernelHostname) {
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment;
		}
		try {
			String name = new String(Files.readAllBytes(kernelHostname), StandardCharsets.UTF_8).strip();
			if (!name.isEmpty()) {
				return name;
			}
		}
		catch (IOException | SecurityException ex) {
			// Not Linux, or no procfs: ask the JDK.
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	/**
	 * The host name, worked out when first asked for.
	 */
	private static final class Host {

		static final String NAME = host(System.getenv("HOSTNAME"), KERNEL_HOSTNAME);

	}

	/**
	 * The description, worked out when the lock is first taken.
	 */
	private static final class Description {

		static final String VALUE = pid(SELF) + "@" + Host.NAME;

	}

}
