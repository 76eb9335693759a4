package dev.migration.sample;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tiny REST API over the tables the migrations create.
 */
@RestController
class UserController {

	private final JdbcClient jdbc;

	UserController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/api/users")
	List<User> users() {
		return this.jdbc.sql("""
				SELECT id, email, full_name, age FROM users
				WHERE deleted_at IS NULL ORDER BY id""").query(User.class).list();
	}

	@GetMapping("/api/users/{id}/posts")
	List<Post> posts(@PathVariable long id) {
		return this.jdbc.sql("SELECT id, user_id, title FROM posts WHERE user_id = ? ORDER BY id")
			.param(id)
			.query(Post.class)
			.list();
	}

	record User(long id, String email, String fullName, Integer age) {
	}

	record Post(long id, long userId, String title) {
	}

}
