package dev.migration.sample.jpa;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

/**
 * Reports how many customers there are when the application starts: a runner that needs
 * the migrated schema.
 */
@Component
public class CustomerReport implements CommandLineRunner {

	private static final Log logger = LogFactory.getLog(CustomerReport.class);

	private final CustomerRepository customers;

	private long count = -1;

	CustomerReport(CustomerRepository customers) {
		this.customers = customers;
	}

	@Override
	public void run(String... args) {
		this.count = this.customers.count();
		logger.info("Customers at startup: " + this.count);
	}

	/**
	 * How many customers the runner counted.
	 * @return the count, or {@code -1} before it ran
	 */
	public long getCount() {
		return this.count;
	}

}
