package dev.migration.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

/**
 * Counts what a {@link DataSource}'s user sends to the database, through
 * {@link Proxy proxies} around the real driver's objects: every {@code execute*} call
 * and every {@code addBatch} is a statement ({@code executeBatch} sends the statements
 * already counted), every {@code commit} is one more. A prepared statement whose SQL holds
 * several statements (such as a record followed by its {@code COMMIT}) counts each of
 * them at every execution.
 */
final class StatementCounter {

	private static final Set<String> STATEMENT_METHODS = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "addBatch");

	private final LongAdder statements = new LongAdder();

	private final LongAdder commits = new LongAdder();

	private final LongAdder connections = new LongAdder();

	/**
	 * The statements counted so far, commits included.
	 * @return the count
	 */
	long total() {
		return this.statements.sum() + this.commits.sum();
	}

	/**
	 * The connections opened so far.
	 * @return the count
	 */
	long connections() {
		return this.connections.sum();
	}

	DataSource wrap(DataSource dataSource) {
		return proxy(DataSource.class, dataSource, (target, method, args) -> {
			Object result = invoke(target, method, args);
			if (result instanceof Connection connection) {
				this.connections.increment();
				return wrap(connection);
			}
			return result;
		});
	}

	private Connection wrap(Connection connection) {
		return proxy(Connection.class, connection, (target, method, args) -> {
			if (method.getName().equals("commit")) {
				this.commits.increment();
			}
			Object result = invoke(target, method, args);
			if (result instanceof CallableStatement statement) {
				return wrap(CallableStatement.class, statement, 1);
			}
			if (result instanceof PreparedStatement statement) {
				int each = (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql)
						? statementsIn(sql) : 1;
				return wrap(PreparedStatement.class, statement, each);
			}
			if (result instanceof Statement statement) {
				return wrap(Statement.class, statement, 1);
			}
			return result;
		});
	}

	private <S extends Statement> S wrap(Class<S> type, S statement, int each) {
		return proxy(type, statement, (target, method, args) -> {
			if (STATEMENT_METHODS.contains(method.getName())) {
				// A plain statement's SQL comes with the call, one statement each.
				this.statements.add((args != null && args.length > 0 && args[0] instanceof String) ? 1 : each);
			}
			return invoke(target, method, args);
		});
	}

	/**
	 * How many statements an SQL string holds: one, and one more after each semicolon
	 * outside quotes that something other than blanks follows.
	 */
	static int statementsIn(String sql) {
		int count = 1;
		boolean quoted = false;
		for (int i = 0; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (c == '\'') {
				quoted = !quoted;
			}
			else if (c == ';' && !quoted && !sql.substring(i + 1).isBlank()) {
				count++;
			}
		}
		return count;
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private static <T> T proxy(Class<T> type, T target, Forward forward) {
		InvocationHandler handler = (proxy, method, args) -> forward.call(target, method, args);
		return type.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type },
				handler));
	}

	@FunctionalInterface
	private interface Forward {

		Object call(Object target, Method method, Object[] args) throws Throwable;

	}

}
