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
import java.nio.file.Files;
import java.util.Arrays;

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
	 * @return the migration, split into statements when first run; {@code null} when the
	 * name is not a regular file's (nor a link to one): a directory, a pipe (never opened,
	 * as opening one would wait for a writer), a broken link
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
		return this.file.isFile() ? MigrationScript.load(this.name, read(this.file)) : null;
	}

	/**
	 * Whether the name is a directory's, not through a link: a directory to scan.
	 */
	boolean isDirectory() {
		return this.file != null && this.file.isDirectory() && !Files.isSymbolicLink(this.file.toPath());
	}

	/**
	 * The text of a file in UTF-8, which must be well-formed, as
	 * {@link java.nio.file.Files#readString} reads it. With a {@link FileInputStream},
	 * which every JVM has compiled by the time it starts an application (class loading
	 * reads with it), where a file channel would run interpreted for the first hundreds of
	 * files: half the time, in a fresh JVM.
	 */
	private static String read(File file) {
		byte[] bytes;
		try (FileInputStream in = new FileInputStream(file)) {
			bytes = readAll(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		return decode(bytes, file.toString());
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
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (text.indexOf('\uFFFD') < 0) {
			return text;
		}
		// Malformed input, or a replacement character written as such: a strict decoder tells.
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new UncheckedIOException("Cannot read " + source, ex);
		}
	}

	/**
	 * Reads to the end: two reads for a script, where readAllBytes would first ask the
	 * file's size and position (two more system calls, per script, at every start).
	 */
	private static byte[] readAll(FileInputStream in) throws IOException {
		byte[] buffer = new byte[1024];
		int size = 0;
		for (int read = in.read(buffer); read >= 0; read = in.read(buffer, size, buffer.length - size)) {
			size += read;
			if (size == buffer.length) {
				buffer = Arrays.copyOf(buffer, buffer.length * 4);
			}
		}
		return Arrays.copyOf(buffer, size);
	}

}
