package dev.migration.script;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * An SQL script found in a location: a file, read when it is outlined, the text of a
 * jar entry, read before its jar closed, or a class-path resource listed by an index,
 * read when it is outlined.
 */
final class SqlSource {

	private final String name;

	private final File file;

	private final String text;

	private final URL resource;

	private SqlSource(String name, File file, String text, URL resource) {
		this.name = name;
		this.file = file;
		this.text = text;
		this.resource = resource;
	}

	static SqlSource file(String name, File file) {
		return new SqlSource(name, file, null, null);
	}

	static SqlSource text(String name, String text) {
		return new SqlSource(name, null, text, null);
	}

	static SqlSource resource(String name, URL resource) {
		return new SqlSource(name, null, null, resource);
	}

	String name() {
		return this.name;
	}

	/**
	 * Reads and outlines the script.
	 * @return the migration, split into statements when first run
	 * @throws dev.migration.ScriptException for a malformed header, naming file and line
	 * @throws UncheckedIOException when the file cannot be read, or is not UTF-8
	 */
	MigrationScript outline() {
		if (this.text != null) {
			return MigrationScript.load(this.name, this.text);
		}
		if (this.resource != null) {
			return MigrationScript.load(this.name, read(this.resource));
		}
		return MigrationScript.load(this.name, read(this.file));
	}

	/**
	 * The text of a file in UTF-8, which must be well-formed. Read with a
	 * {@link FileInputStream}, decoded leniently, then strictly only when the text has a
	 * replacement character: a start reads every script once, in a fresh JVM, where
	 * {@code Files.readString} (a channel per file, the strict decoder) costs about twice
	 * as much.
	 */
	private static String read(File file) {
		byte[] bytes;
		try (FileInputStream in = new FileInputStream(file)) {
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		// A malformed sequence decodes to U+FFFD: whether the file has one of its own, the
		// strict decoder tells.
		return (text.indexOf('\uFFFD') < 0) ? text : decode(bytes, file.toString());
	}

	private static String read(URL resource) {
		byte[] bytes;
		try (InputStream in = resource.openStream()) {
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
		return decode(bytes, resource.toString());
	}

	private static String decode(byte[] bytes, String source) {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new UncheckedIOException("Cannot read " + source, ex);
		}
	}

}
