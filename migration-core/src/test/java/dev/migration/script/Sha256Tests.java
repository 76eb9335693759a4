package dev.migration.script;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Sha256}: the JDK's SHA-256, byte for byte.
 */
class Sha256Tests {

	@Test
	void digestsTheStandardTestVectors() {
		assertThat(hex(Sha256.digest(new byte[0])))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(hex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(hex(Sha256.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
			.getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	}

	@Test
	void digestsEveryLengthAsTheJdkDoes() throws NoSuchAlgorithmException {
		MessageDigest jdk = MessageDigest.getInstance("SHA-256");
		Random random = new Random(42);
		// Every length across the padding's boundaries (55, 56, 64 bytes...), then longer ones.
		for (int length = 0; length < 1200; length += (length < 300) ? 1 : 37) {
			byte[] message = new byte[length];
			random.nextBytes(message);
			assertThat(Sha256.digest(message)).as("length %d", length).isEqualTo(jdk.digest(message));
		}
	}

	private static String hex(byte[] bytes) {
		return java.util.HexFormat.of().formatHex(bytes);
	}

}
