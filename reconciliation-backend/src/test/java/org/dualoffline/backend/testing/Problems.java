package org.dualoffline.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import org.dualoffline.backend.Failure;

/** Assertions on {@code application/problem+json} answers. */
public final class Problems {
    private Problems() {}

    /** Asserts status, content type, problem type and body fields; returns the detail for further checks. */
    public static String assertProblem(Response r, int status, Failure failure) {
        assertThat(r.statusCode()).as("status of %s", r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        var j = r.jsonPath();
        assertThat(j.getString("type")).isEqualTo(failure.type());
        assertThat(j.getString("title")).isEqualTo(failure.title);
        assertThat(j.getInt("status")).isEqualTo(status);
        String detail = j.getString("detail");
        assertThat(detail).isNotBlank();
        return detail;
    }
}
