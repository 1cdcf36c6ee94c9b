package org.allocd.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.allocd.protocol.Op;
import org.allocd.protocol.Registry;
import org.allocd.protocol.Shape;

/**
 * The OpenAPI 3 document of the HTTP API, made from the operation registry (each op's path, rule, summary
 * and fields), so it lists exactly the routes the server answers. Served unsigned at {@link #PATH}; a copy
 * is docs/api/openapi.json (a test keeps the two equal).
 */
public final class OpenApi {
    public static final String PATH = "/v1/openapi.json";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String BODY_SIGNED = "allocdSignature";
    private static final String PATH_SIGNED = "pathSignature";

    private OpenApi() {}

    public static ObjectNode document() {
        ObjectNode doc = JSON.objectNode().put("openapi", "3.0.3");
        doc.putObject("info").put("title", "allocd HTTP API").put("version", "1")
                .put("description", "The bank's admin operations over HTTP (docs/http-api.md). Every request is"
                        + " made as the API key's user, or as the user in act-as when the keys file allows the key"
                        + " that, with the same role rules as allocmgr. Amounts are integer micro-SU.");
        components(doc.putObject("components"));
        ObjectNode paths = doc.putObject("paths");
        for (Op op : Registry.all()) {
            if (op.httpPath() == null) {
                continue;
            }
            paths.putObject(op.httpPath()).set(op.httpMethod().toLowerCase(java.util.Locale.ROOT),
                    operation(op, op.name(), BODY_SIGNED));
            if (op.effect() == Op.Effect.READ) {
                paths.putObject(ApiRouter.underApi(op.httpPath())).set("get", operation(op, "api_" + op.name(),
                        PATH_SIGNED));
            }
        }
        return doc;
    }

    private static ObjectNode operation(Op op, String operationId, String security) {
        ObjectNode operation = JSON.objectNode().put("operationId", operationId).put("summary", op.summary())
                .put("description", "Admin op '" + op.name() + "'. Who may call it: " + op.rule().describe() + ".");
        operation.putArray("security").addObject().putArray(security);
        ArrayNode parameters = operation.putArray("parameters");
        parameters.addObject().put("$ref", "#/components/parameters/ActAs");
        if (op.effect() == Op.Effect.READ) {
            for (Shape.Field field : op.shape().request()) {
                ObjectNode parameter = parameters.addObject().put("name", field.name()).put("in", "query")
                        .put("required", field.required());
                parameter.set("schema", schema(field.type()));
            }
        } else {
            parameters.addObject().put("$ref", "#/components/parameters/IdempotencyKey");
            operation.putObject("requestBody").put("required", true).putObject("content")
                    .putObject("application/json").set("schema", object(op.shape().request(), true));
        }
        ObjectNode responses = operation.putObject("responses");
        responses.putObject("200").put("description", "the answer").putObject("content")
                .putObject("application/json").set("schema", object(op.shape().answer(), false));
        responses.putObject("default").put("$ref", "#/components/responses/Error");
        return operation;
    }

    /** An object schema of these fields; answers may carry more (docs/protocol.md). */
    private static ObjectNode object(List<Shape.Field> fields, boolean closed) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (Shape.Field field : fields) {
            properties.set(field.name(), schema(field.type()));
            if (closed && field.required()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema.put("additionalProperties", !closed);
    }

    private static ObjectNode schema(Shape.Type type) {
        return switch (type) {
            case STRING -> JSON.objectNode().put("type", "string");
            case INTEGER -> JSON.objectNode().put("type", "integer").put("format", "int64");
            case BOOLEAN -> JSON.objectNode().put("type", "boolean");
            case STRINGS -> array(JSON.objectNode().put("type", "string"));
            case INTEGERS -> array(JSON.objectNode().put("type", "integer"));
            case OBJECT -> JSON.objectNode().put("type", "object");
            case OBJECTS -> array(JSON.objectNode().put("type", "object"));
        };
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode schema = JSON.objectNode().put("type", "array");
        schema.set("items", items);
        return schema;
    }

    private static void components(ObjectNode components) {
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject(BODY_SIGNED).put("type", "apiKey").put("in", "header").put("name", Authenticator.KEY_HEADER)
                .put("description", "Paths under /v1/. With " + Authenticator.TIMESTAMP_HEADER + " (unix seconds) and "
                        + Authenticator.SIGNATURE_HEADER + ": lowercase hex HMAC-SHA256, keyed with the secret, of"
                        + " METHOD\\nPATH_WITH_QUERY\\nTIMESTAMP\\nhex(sha256(body)), and \\nACT_AS when act-as is sent.");
        schemes.putObject(PATH_SIGNED).put("type", "apiKey").put("in", "header").put("name", Authenticator.PATH_KEY_HEADER)
                .put("description", "Paths under /api/ (GET only). With " + Authenticator.PATH_TIMESTAMP_HEADER
                        + " (unix seconds) and " + Authenticator.PATH_SIGNATURE_HEADER + ": lowercase hex HMAC-SHA256,"
                        + " keyed with the secret, of PATH_WITH_QUERY|TIMESTAMP, and |ACT_AS when act-as is sent.");
        ObjectNode parameters = components.putObject("parameters");
        parameters.putObject("ActAs").put("name", Incoming.ACT_AS_HEADER).put("in", "header").put("required", false)
                .put("description", "the user to act for; only for keys the keys file allows (act-as=...)")
                .putObject("schema").put("type", "string");
        parameters.putObject("IdempotencyKey").put("name", Incoming.IDEMPOTENCY_KEY_HEADER).put("in", "header")
                .put("required", true).put("description", "one value per operation: a retry with the same value and"
                        + " request gets the same answer (replayed: true); another request under it gets 409 key_reused")
                .putObject("schema").put("type", "string").put("pattern", "^" + ApiRequest.IDEMPOTENCY_KEY.pattern() + "$");
        ObjectNode error = components.putObject("schemas").putObject("Error").put("type", "object");
        error.putObject("properties").<ObjectNode>set("error", JSON.objectNode().put("type", "string"))
                .set("message", JSON.objectNode().put("type", "string"));
        error.putArray("required").add("error").add("message");
        components.putObject("responses").putObject("Error").put("description", "what was wrong and how to fix it")
                .putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/Error");
    }
}
