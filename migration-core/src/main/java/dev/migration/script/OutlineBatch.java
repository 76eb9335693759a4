package dev.migration.script;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads and outlines the SQL scripts of one location, each worker taking the next
 * script in turn: the calling thread and, when there are many scripts, whoever takes
 * up the help offered to an {@link Executor} (a thread that would otherwise wait for
 * the scripts). Reading thousands of small files is mostly system calls, which two
 * threads make twice as fast.
 * <p>
 * Deterministic whatever the threads do: each result, or failure, is kept at the index
 * of its script and handed out in that order, so the first bad script in the location's
 * order is the one reported, as when they are read one by one.
 */
final class OutlineBatch implements Runnable {

	/**
	 * Below this many scripts, sharing the work costs more than it saves.
	 */
	static final int PARALLEL_THRESHOLD = 64;

	private final List<SqlSource> sources;

	private final MigrationScript[] scripts;

	private final Throwable[] failures;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicInteger done = new AtomicInteger();

	private OutlineBatch(List<SqlSource> sources) {
		this.sources = sources;
		this.scripts = new MigrationScript[sources.size()];
		this.failures = new Throwable[sources.size()];
	}

	/**
	 * Outlines every script of a list.
	 * @param sources the scripts, {@code null} for entries that are not SQL scripts
	 * @param helpers where to offer a share of the work, {@code null} for none; the offer
	 * may be taken up on any thread, late or never
	 * @param offers how many shares to offer
	 * @return the batch, done
	 */
	static OutlineBatch outline(List<SqlSource> sources, Executor helpers, int offers) {
		OutlineBatch batch = new OutlineBatch(sources);
		if (helpers != null && sources.size() >= PARALLEL_THRESHOLD) {
			for (int i = 0; i < offers; i++) {
				helpers.execute(batch);
			}
		}
		batch.run();
		batch.awaitScriptsInHand();
		return batch;
	}

	/**
	 * Takes the next script until none is left; run by every worker of the batch. Taken
	 * up after the batch is done, it does nothing.
	 */
	@Override
	public void run() {
		int size = this.sources.size();
		for (int index = this.next.getAndIncrement(); index < size; index = this.next.getAndIncrement()) {
			SqlSource source = this.sources.get(index);
			try {
				if (source != null) {
					this.scripts[index] = source.outline();
				}
			}
			catch (Throwable ex) {
				this.failures[index] = ex;
			}
			finally {
				if (this.done.incrementAndGet() == size) {
					synchronized (this) {
						notifyAll();
					}
				}
			}
		}
	}

	/**
	 * The outlined script at an index.
	 * @param index the index in the list given
	 * @return the script, {@code null} for an entry that is not an SQL script or not a
	 * file
	 * @throws RuntimeException what outlining that script threw
	 */
	MigrationScript script(int index) {
		Throwable failure = this.failures[index];
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return this.scripts[index];
	}

	/**
	 * Whether the entry at an index is an SQL script found not to be a file.
	 * @param index the index in the list given
	 * @return {@code true} if outlining it gave nothing and did not fail
	 */
	boolean notAFile(int index) {
		return this.sources.get(index) != null && this.scripts[index] == null && this.failures[index] == null;
	}

	/**
	 * Waits for the scripts other workers still have in hand, every script being taken
	 * once this thread found none left. An interrupt is kept for the caller rather than
	 * leaving them writing to a batch it gave up.
	 */
	private void awaitScriptsInHand() {
		boolean interrupted = false;
		synchronized (this) {
			while (this.done.get() < this.sources.size()) {
				try {
					wait();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
