package dev.migration.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.migration.PlainDataSource;

/**
 * One connection per thread of a fleet's run, lent to each tenant the thread migrates
 * in turn, rather than a connection (and another for the lock) borrowed per tenant: on
 * a data source without a pool, opening them was most of the cost of a tenant with
 * nothing to do. A tenant gives the connection back as its session closes, with the
 * search path, settings and autocommit restored; after a tenant that failed the
 * connection is closed, and the next tenant gets a new one. Closing this closes them
 * all.
 */
final class WorkerConnections implements AutoCloseable {

	private final ThreadLocal<Worker> workers = new ThreadLocal<>();

	// The connections open now, at most one per thread.
	private final Set<Worker> open = ConcurrentHashMap.newKeySet();

	/**
	 * Runs a tenant's work with a data source that lends this thread's connection to
	 * {@code dataSource}, opening it first if needed.
	 * @param dataSource the tenant's database
	 * @param work the work, given the lending data source
	 * @return what the work returned
	 */
	<T> T use(DataSource dataSource, Function<DataSource, T> work) {
		Worker worker = this.workers.get();
		if (worker != null && worker.target != dataSource) {
			// Another database than the last tenant's: this thread's connection goes.
			worker.discard();
			worker = null;
		}
		if (worker == null) {
			worker = new Worker(dataSource);
			this.workers.set(worker);
		}
		try {
			return work.apply(worker);
		}
		catch (RuntimeException | Error ex) {
			// Whatever state the failure left the connection in dies with it.
			worker.discard();
			throw ex;
		}
	}

	@Override
	public void close() {
		for (Worker worker : this.open) {
			worker.discard();
		}
	}

	/**
	 * The data source a thread's tenants see: its one connection, lent to one user at a
	 * time; a second borrower at once gets a connection of its own from the database.
	 */
	private final class Worker implements PlainDataSource {

		private final DataSource target;

		private Connection connection;

		private boolean lent;

		Worker(DataSource target) {
			this.target = target;
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (this.lent) {
				return this.target.getConnection();
			}
			if (this.connection == null || this.connection.isClosed()) {
				this.connection = this.target.getConnection();
				WorkerConnections.this.open.add(this);
			}
			this.lent = true;
			return lend(this.connection);
		}

		private Connection lend(Connection connection) {
			InvocationHandler handler = new InvocationHandler() {

				private boolean returned;

				@Override
				public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
					switch (method.getName()) {
						case "close" -> {
							if (!this.returned) {
								this.returned = true;
								Worker.this.lent = false;
							}
							return null;
						}
						case "isClosed" -> {
							return this.returned || connection.isClosed();
						}
						case "equals" -> {
							return proxy == args[0];
						}
						case "hashCode" -> {
							return System.identityHashCode(proxy);
						}
						default -> {
							if (this.returned) {
								throw new SQLException("The connection was closed");
							}
							try {
								return method.invoke(connection, args);
							}
							catch (InvocationTargetException ex) {
								throw ex.getCause();
							}
						}
					}
				}

			};
			return (Connection) Proxy.newProxyInstance(WorkerConnections.class.getClassLoader(),
					new Class<?>[] { Connection.class }, handler);
		}

		/**
		 * Closes the connection, if one is open: after a failure, at the end of the run.
		 */
		void discard() {
			WorkerConnections.this.open.remove(this);
			Connection connection = this.connection;
			this.connection = null;
			this.lent = false;
			if (connection != null) {
				try {
					connection.close();
				}
				catch (SQLException ex) {
					// Nothing more to do with a connection that fails to close.
				}
			}
		}

	}

}
