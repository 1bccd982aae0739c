package io.iamgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served OpenAPI document (docs/api.md): every JAX-RS endpoint with real schemas and its statuses,
 * the README's examples valid against the schemas, and Swagger UI off by default.
 */
@QuarkusTest
class OpenApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode served() throws Exception {
        String doc = Management.given().accept("application/json").when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        return JSON.readTree(doc);
    }

    /** Validates {@code instance} against {@code #/components/schemas/NAME} of the document. */
    static Set<ValidationMessage> validate(JsonNode doc, String name, JsonNode instance) {
        assertNotNull(doc.at("/components/schemas/" + name).isMissingNode() ? null : doc, "no schema " + name);
        ObjectNode root = doc.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + name);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        return schema.validate(instance);
    }

    @Test
    void everyEndpointIsDescribedWithItsStatuses() throws Exception {
        JsonNode doc = served();
        assertEquals("3.1.0", doc.get("openapi").asText());
        Set<String> inCode = new TreeSet<>();
        try (var files = Files.list(java.nio.file.Path.of("target/classes/io/iamgate/api"))) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList()) {
                Class<?> c = Class.forName("io.iamgate.api." + f.getFileName().toString().replace(".class", ""));
                Path base = c.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : c.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post" : null;
                    if (verb == null) {
                        continue;
                    }
                    Path sub = m.getAnnotation(Path.class);
                    String path = (base.value() + (sub == null ? "" : sub.value())).replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                    inCode.add(verb + " " + path);
                }
            }
        }
        assertTrue(inCode.size() >= 10, inCode.toString());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            p.getValue().fieldNames().forEachRemaining(verb -> documented.add(verb + " " + p.getKey()));
        }
        assertEquals(inCode, documented, "the OpenAPI document describes exactly the endpoints of the code");

        Map<String, List<String>> statuses = Map.of(
                "post /v1/authorize", List.of("200", "400", "408", "413", "415", "503"),
                "post /v1/presigned-urls/notebook-instance", List.of("200", "400", "403", "404", "413", "415", "503"),
                "get /v1/forward-auth", List.of("200", "302", "401", "403"),
                "post /v1/bundle/reload", List.of("200", "409"));
        statuses.forEach((op, codes) -> {
            String[] vp = op.split(" ");
            JsonNode responses = doc.get("paths").get(vp[1]).get(vp[0]).get("responses");
            for (String code : codes) {
                assertNotNull(responses.get(code), op + " documents " + code);
            }
        });
        JsonNode fa = doc.at("/components/responses/ForwardAuthOk/headers");
        assertNotNull(fa.get("Set-Cookie"));
        assertNotNull(fa.get("X-Iamgate-Decision-Id"));
        assertNotNull(doc.at("/components/responses/ForwardAuthRedirect/headers/Location").get("description"));
        assertTrue(doc.at("/paths/~1v1~1forward-auth/get/parameters").toString().contains("X-Original-URI"));
        // every JSON body has a real schema, not type: string or {}
        for (JsonNode path : doc.get("paths")) {
            for (JsonNode op : path) {
                List<JsonNode> contents = new ArrayList<>();
                if (op.has("requestBody")) {
                    contents.add(op.get("requestBody").get("content"));
                }
                op.get("responses").forEach(r -> {
                    JsonNode resolved = r.has("$ref") ? doc.at(r.get("$ref").asText().substring(1)) : r;
                    if (resolved.has("content")) {
                        contents.add(resolved.get("content"));
                    }
                });
                for (JsonNode content : contents) {
                    content.fields().forEachRemaining(e -> {
                        if (e.getKey().contains("json") && !op.get("operationId").asText().equals("noop")) {
                            JsonNode schema = e.getValue().get("schema");
                            assertTrue(schema.has("$ref") || schema.has("type") && !"string".equals(schema.get("type").asText()),
                                    op.get("operationId") + " " + e.getKey() + ": " + schema);
                        }
                    });
                }
            }
        }
    }

    static final Pattern MARKER = Pattern.compile("<!-- openapi: (\\w+) -->\\s*\\n```(\\w*)\\n(.*?)\\n```", Pattern.DOTALL);
    static final Pattern CURL_BODY = Pattern.compile("-d '(\\{.*?})'", Pattern.DOTALL);

    @Test
    void theReadmesExamplesValidateAgainstTheSchemas() throws Exception {
        JsonNode doc = served();
        String readme = Files.readString(java.nio.file.Path.of("README.md"));
        Matcher m = MARKER.matcher(readme);
        int checked = 0;
        Set<String> schemas = new TreeSet<>();
        while (m.find()) {
            String name = m.group(1);
            String body = m.group(3);
            if (m.group(2).equals("sh")) {
                Matcher d = CURL_BODY.matcher(body);
                assertTrue(d.find(), "a curl -d body after the marker for " + name);
                body = d.group(1);
            }
            JsonNode instance = JSON.readTree(body);
            Set<ValidationMessage> errors = validate(doc, name, instance);
            assertTrue(errors.isEmpty(), "README example for " + name + " at offset " + m.start() + ": " + errors + "\n" + body);
            checked++;
            schemas.add(name);
        }
        assertTrue(checked >= 8, "README examples checked: " + checked);
        assertTrue(schemas.containsAll(Set.of("AuthorizeRequest", "AuthorizeResult", "SimulateRequest", "SimulateResult", "Problem",
                "PresignResult")), schemas.toString());
        // every JSON example of the README is covered by a marker (or explicitly not an API body)
        long jsonBlocks = Pattern.compile("\\n```json\\n").matcher(readme).results().count();
        long marked = Pattern.compile("<!-- openapi: \\w+ -->\\s*\\n```json\\n").matcher(readme).results().count()
                + Pattern.compile("<!-- not-openapi: [^>]+ -->\\s*\\n```json\\n").matcher(readme).results().count();
        assertEquals(jsonBlocks, marked, "every ```json block of the README carries <!-- openapi: SCHEMA --> (or <!-- not-openapi: why -->)");
    }

    static final Pattern CURL_URL = Pattern.compile("curl -s http://127\\.0\\.0\\.1:8181(/v1/[\\w/-]+)");
    /** Fields that differ per run or per configuration (the test's base URL and clock). */
    static final Set<String> VOLATILE = Set.of("authorizedUrl", "expiresAt");

    /** The README rechecked against the running sidecar: each curl example followed by its answer gets that answer. */
    @Test
    void theReadmesCurlExamplesAnswerWhatTheReadmeShows() throws Exception {
        String readme = Files.readString(java.nio.file.Path.of("README.md"));
        Matcher m = MARKER.matcher(readme);
        List<String[]> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(new String[] {m.group(2), m.group(3)});
        }
        int checked = 0;
        for (int i = 0; i + 1 < blocks.size(); i++) {
            if (!blocks.get(i)[0].equals("sh") || !blocks.get(i + 1)[0].equals("json")) {
                continue;
            }
            Matcher url = CURL_URL.matcher(blocks.get(i)[1]);
            Matcher body = CURL_BODY.matcher(blocks.get(i)[1]);
            assertTrue(url.find() && body.find(), blocks.get(i)[1]);
            String answer = io.restassured.RestAssured.given().contentType("application/json").body(body.group(1)).when().post(url.group(1))
                    .then().extract().asString();
            JsonNode expected = strip(JSON.readTree(blocks.get(i + 1)[1]));
            JsonNode actual = strip(JSON.readTree(answer));
            assertEquals(expected, actual, "README example " + url.group(1) + ": the sidecar answers\n" + answer);
            checked++;
        }
        assertTrue(checked >= 4, "curl examples checked: " + checked);
    }

    static JsonNode strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            VOLATILE.forEach(o::remove);
            o.forEach(OpenApiTest::strip);
        } else if (n.isArray()) {
            n.forEach(OpenApiTest::strip);
        }
        return n;
    }

    @Test
    void theDocumentsOwnExamplesAndAWrongBodyAreCheckedToo() throws Exception {
        JsonNode doc = served();
        int checked = 0;
        for (JsonNode path : doc.get("paths")) {
            for (JsonNode op : path) {
                List<JsonNode> contents = new ArrayList<>();
                if (op.has("requestBody")) {
                    contents.add(op.get("requestBody").get("content"));
                }
                op.get("responses").forEach(r -> contents.add(r.path("content")));
                for (JsonNode content : contents) {
                    for (JsonNode media : content) {
                        String ref = media.path("schema").path("$ref").asText("");
                        for (JsonNode ex : media.path("examples")) {
                            Set<ValidationMessage> errors = validate(doc, ref.substring(ref.lastIndexOf('/') + 1), ex.get("value"));
                            assertTrue(errors.isEmpty(), op.get("operationId") + ": " + errors);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 5, "examples checked: " + checked);
        // the schemas are strict enough to catch drift: an undocumented field, a wrong decision
        JsonNode bad = JSON.readTree("{\"decision\":\"MAYBE\",\"allowed\":true,\"reason\":\"r\",\"matchedStatements\":[],\"missingContextKeys\":[],\"revision\":\"x\"}");
        assertFalse(validate(doc, "AuthorizeResult", bad).isEmpty());
        JsonNode extra = JSON.readTree("{\"authorizedUrl\":\"http://x/\",\"expiresAt\":\"2026-01-01T00:00:00Z\",\"sessionExpirationDurationInSeconds\":1800,"
                + "\"decision\":{\"decision\":\"ALLOW\",\"allowed\":true,\"reason\":\"r\",\"matchedStatements\":[],\"missingContextKeys\":[],\"revision\":\"x\"},\"token\":\"t\"}");
        assertFalse(validate(doc, "PresignResult", extra).isEmpty());
    }

    @Test
    void theFileIsServedAsYamlByDefaultAndAsJsonOnRequest() throws Exception {
        String yaml = Management.given().when().get("/q/openapi").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/yaml")).extract().asString();
        assertTrue(yaml.contains("\nopenapi: 3.1.0\n"), yaml.substring(0, Math.min(300, yaml.length())));
        JsonNode viaAccept = JSON.readTree(Management.given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/json")).extract().asString());
        assertEquals(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml), viaAccept);
        assertEquals(viaAccept, served());
    }

    @Test
    void swaggerUiIsOffByDefault() {
        for (String path : SwaggerUiTest.UI_PATHS) {
            Management.given().redirects().follow(false).when().get(path).then().statusCode(404);
            io.restassured.RestAssured.given().redirects().follow(false).when().get(path).then().statusCode(404);
        }
    }
}
