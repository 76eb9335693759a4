package dev.migration.sample.jpa;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The customers.
 */
public interface CustomerRepository extends JpaRepository<Customer, Long> {

	/**
	 * Finds a customer by email address.
	 * @param email the address
	 * @return the customer, if there is one
	 */
	Optional<Customer> findByEmail(String email);

}
