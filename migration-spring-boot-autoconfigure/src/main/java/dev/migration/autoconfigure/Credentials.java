package dev.migration.autoconfigure;

import java.util.regex.Pattern;

/**
 * Masks the credentials in text shown to people: error messages, log lines, responses
 * and command output may quote a JDBC or {@code DATABASE_URL} URL. The one place that
 * knows what a credential looks like, shared by the auto-configuration and command mode;
 * public only so that {@code dev.migration.autoconfigure.command} can reach it, not for
 * applications.
 */
public final class Credentials {

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password|pwd)=[^&;\\s]*");

	private static final Pattern URL_CREDENTIALS = Pattern.compile("://([^/:@\\s]+):[^@/\\s]*@");

	private Credentials() {
	}

	/**
	 * Masks the passwords in a text: {@code password=} and {@code pwd=} parameters, and
	 * the password of {@code scheme://user:password@host}; the user name stays, to tell
	 * which account was used.
	 * @param text the text
	 * @return the text, with every password replaced by {@code ******}
	 */
	public static String mask(String text) {
		String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1=******");
		return URL_CREDENTIALS.matcher(masked).replaceAll("://$1:******@");
	}

}
