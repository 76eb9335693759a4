package dev.migration.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LockOwner}: the process id and host name it reads from procfs are
 * the JDK's, and where procfs has none it asks the JDK.
 */
class LockOwnerTests {

	@TempDir
	Path directory;

	@Test
	void pidIsTheProcessId() {
		assertThat(LockOwner.pid(Path.of("/proc/self"))).isEqualTo(ProcessHandle.current().pid());
	}

	@Test
	void pidWithoutProcfsIsAskedOfTheJdk() {
		assertThat(LockOwner.pid(this.directory.resolve("self"))).isEqualTo(ProcessHandle.current().pid());
	}

	@Test
	void hostFromTheEnvironmentComesFirst() throws IOException {
		Path kernel = Files.writeString(this.directory.resolve("hostname"), "kernel-name\n");
		assertThat(LockOwner.host("from-env", kernel)).isEqualTo("from-env");
	}

	@Test
	void hostIsTheKernelsWhenTheEnvironmentHasNoneOrABlankOne() throws IOException {
		Path kernel = Files.writeString(this.directory.resolve("hostname"), "kernel-name\n");
		assertThat(LockOwner.host(null, kernel)).isEqualTo("kernel-name");
		assertThat(LockOwner.host("  ", kernel)).isEqualTo("kernel-name");
	}

	@Test
	void hostWithoutProcfsIsAskedOfTheJdk() throws IOException {
		assertThat(LockOwner.host(null, this.directory.resolve("hostname")))
			.isEqualTo(InetAddress.getLocalHost().getHostName());
	}

	@Test
	void hostReadFromProcfsIsTheJdksLocalHostName() throws IOException {
		Path kernel = Path.of("/proc/sys/kernel/hostname");
		if (Files.isReadable(kernel)) {
			assertThat(LockOwner.host(null, kernel)).isEqualTo(InetAddress.getLocalHost().getHostName());
		}
	}

	@Test
	void descriptionIsPidAtHost() {
		assertThat(LockOwner.description()).isEqualTo(ProcessHandle.current().pid() + "@" + LockOwner.host());
	}

}
