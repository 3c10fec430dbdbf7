package org.dualoffline.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.util.Map;
import org.dualoffline.harness.ReconciliationClient.BackendException;

/**
 * A JSON answer of the reconciliation backend, read with Jackson; a field the harness needs and
 * the backend left out, or an HTTP status it did not expect, is a {@link BackendException} naming it.
 */
record ApiAnswer(JsonNode node, String what) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** The answer to {@code what}, which the backend must have given with HTTP {@code status}. */
    static ApiAnswer expect(Response r, int status, String what) {
        return expect(r, status, status, what);
    }

    /** The answer to {@code what}, which the backend must have given with HTTP {@code status} or {@code alsoOk}. */
    static ApiAnswer expect(Response r, int status, int alsoOk, String what) {
        if (r.statusCode() != status && r.statusCode() != alsoOk) {
            throw new BackendException("backend refused to " + what + ": HTTP " + r.statusCode() + " " + r.getBody().asString());
        }
        return of(r, what);
    }

    /** The answer to {@code what}, whatever its HTTP status. */
    static ApiAnswer of(Response r, String what) {
        String text = r.getBody().asString();
        try {
            return new ApiAnswer(JSON.readTree(text), what);
        } catch (JsonProcessingException e) {
            throw new BackendException("the answer to \"" + what + "\" is not JSON (HTTP " + r.statusCode() + "): " + text);
        }
    }

    private JsonNode field(String name, boolean numeric) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull() || (numeric ? !n.canConvertToLong() || !n.isIntegralNumber() : !n.isValueNode())) {
            throw new BackendException("the answer to \"" + what + "\" has no " + (numeric ? "whole number" : "value") + " \"" + name
                    + "\": " + node);
        }
        return n;
    }

    String getString(String name) {
        return field(name, false).asText();
    }

    long getLong(String name) {
        return field(name, true).asLong();
    }

    int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    boolean getBoolean(String name) {
        JsonNode n = field(name, false);
        if (!n.isBoolean()) {
            throw new BackendException("the answer to \"" + what + "\" has no boolean \"" + name + "\": " + node);
        }
        return n.asBoolean();
    }

    /** The whole answer as a map, for evidence. */
    Map<String, Object> asMap() {
        return JSON.convertValue(node, MAP);
    }
}
