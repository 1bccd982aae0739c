package io.iamgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision log per endpoint (docs/traces-and-decision-log.md), the decision id header, metrics after
 * reloads, bounded labels, HELP on every metric, and the monitoring files of {@code k8s/monitoring/}
 * against what the sidecar exports. JSON console logging is on here: decision lines must still be bare
 * JSON objects.
 */
@QuarkusTest
@TestProfile(ObservabilityTest.Profile.class)
class ObservabilityTest {
    static final Path DIR = Path.of("target/iamgate-obs-test").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String BOB = "arn:aws:sts::111122223333:assumed-role/DataScientist/bob";
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
    static final String ACTION = "sagemaker:CreatePresignedNotebookInstanceUrl";

    static {
        try {
            copyDemo("obs-1");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.bundle.path", DIR.toString(), "iamgate.bundle.poll-interval", "1h", "iamgate.decision-log.mode", "all",
                    "iamgate.cache.enabled", "true", "quarkus.log.console.json.enabled", "true");
        }
    }

    static void copyDemo(String revision) throws Exception {
        Path src = Path.of("src/main/resources/demo-bundle");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path to = DIR.resolve(src.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(DIR.resolve("iamgate-bundle.yaml"), "revision: " + revision + "\naccount: \"111122223333\"\nregion: us-east-1\n");
    }

    final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void attach() {
        java.util.logging.Logger.getLogger(DecisionLog.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void detach() {
        java.util.logging.Logger.getLogger(DecisionLog.CATEGORY).removeHandler(capture);
    }

    /** The log line with this decision id (the writer is asynchronous: wait for it, bounded). */
    JsonNode line(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(100, TimeUnit.MILLISECONDS);
            if (l != null) {
                JsonNode n = JSON.readTree(l);
                if (id.equals(n.path("decisionId").asText())) {
                    return n;
                }
            }
        }
        throw new AssertionError("no decision log line with id " + id);
    }

    static String authorizeBody(String principal, String nb) {
        return "{\"principal\":{\"arn\":\"" + principal + "\"},\"action\":\"" + ACTION + "\",\"resource\":\"" + NB + nb + "\"}";
    }

    static final List<String> FIELDS = List.of("decisionId", "ts", "endpoint", "principal", "action", "resource", "decision", "reason", "matched",
            "revision", "latencyMicros");

    static void assertShape(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertEquals(FIELDS, names, n.toString());
    }

    @Test
    void authorizeAndBatchDecisionsAreLoggedWithTheHeadersId() throws Exception {
        for (int i = 0; i < 2; i++) { // the second answer comes from the decision cache: logged the same
            Response r = given().contentType(ContentType.JSON).body(authorizeBody(ALICE, "alice-nb")).post("/v1/authorize");
            r.then().statusCode(200);
            String id = r.header(DecisionLog.HEADER);
            assertNotNull(id);
            JsonNode n = line(id);
            assertShape(n);
            assertEquals("authorize", n.get("endpoint").asText());
            assertEquals(ALICE, n.get("principal").asText());
            assertEquals(ACTION, n.get("action").asText());
            assertEquals(NB + "alice-nb", n.get("resource").asText());
            assertEquals("ALLOW", n.get("decision").asText());
            assertEquals(r.jsonPath().getString("reason"), n.get("reason").asText());
            assertEquals(r.jsonPath().getString("revision"), n.get("revision").asText());
            assertEquals(r.jsonPath().getString("matchedStatements[0].policy"), n.get("matched").get(0).get("policy").asText());
            assertTrue(n.get("latencyMicros").isIntegralNumber());
        }
        Response b = given().contentType(ContentType.JSON)
                .body("{\"requests\":[" + authorizeBody(ALICE, "alice-nb") + "," + authorizeBody(ALICE, "bob-nb") + "]}").post("/v1/authorize/batch");
        b.then().statusCode(200);
        String id = b.header(DecisionLog.HEADER);
        JsonNode first = line(id + "/0");
        JsonNode second = line(id + "/1");
        assertShape(second);
        assertEquals("authorize/batch", first.get("endpoint").asText());
        assertEquals("ALLOW", first.get("decision").asText());
        assertEquals("IMPLICIT_DENY", second.get("decision").asText());
        assertEquals(NB + "bob-nb", second.get("resource").asText());
    }

    @Test
    void presignAndTokenExchangeAreLoggedAndCounted() throws Exception {
        double issued = metric("iamgate_presign_total{outcome=\"issued\"}");
        double denied = metric("iamgate_presign_total{outcome=\"denied\"}");
        double exchanged = metric("iamgate_forward_auth_total{result=\"exchanged\"}");
        double unauthorized = metric("iamgate_forward_auth_total{result=\"unauthorized\"}");

        List<Map<String, String>> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler auditCapture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r instanceof org.jboss.logmanager.ExtLogRecord x) {
                    audit.add(Map.of("event", String.valueOf(x.getMdc("event")), "status", String.valueOf(x.getMdc("status")),
                            "principal", String.valueOf(x.getMdc("principal"))));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("iamgate.audit").addHandler(auditCapture);
        Response ok;
        try {
            ok = given().contentType(ContentType.JSON).body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"notebookInstanceName\":\"alice-nb\"}")
                    .post("/v1/presigned-urls/notebook-instance");
        } finally {
            java.util.logging.Logger.getLogger("iamgate.audit").removeHandler(auditCapture);
        }
        ok.then().statusCode(200);
        assertEquals(List.of(Map.of("event", "presign.issued", "status", "200", "principal", ALICE)), audit, "audit fields as structured fields (MDC)");
        JsonNode n = line(ok.header(DecisionLog.HEADER));
        assertShape(n);
        assertEquals("presigned-urls/notebook-instance", n.get("endpoint").asText());
        assertEquals("ALLOW", n.get("decision").asText());
        assertFalse(n.get("matched").isEmpty());

        Response no = given().contentType(ContentType.JSON).body("{\"principal\":{\"arn\":\"" + BOB + "\"},\"notebookInstanceName\":\"alice-nb\"}")
                .post("/v1/presigned-urls/notebook-instance");
        no.then().statusCode(403);
        JsonNode d = line(no.header(DecisionLog.HEADER));
        assertEquals(BOB, d.get("principal").asText());
        assertEquals("IMPLICIT_DENY", d.get("decision").asText());

        String url = ok.jsonPath().getString("authorizedUrl");
        String uri = url.substring(url.indexOf("/notebook-instances/"));
        Response ex = given().header("X-Original-URI", uri).get("/v1/forward-auth");
        ex.then().statusCode(200);
        JsonNode e = line(ex.header(DecisionLog.HEADER));
        assertShape(e);
        assertEquals("forward-auth", e.get("endpoint").asText());
        assertEquals("ALLOW", e.get("decision").asText());
        assertEquals(ALICE, e.get("principal").asText());
        assertEquals(NB + "alice-nb", e.get("resource").asText());
        Response replay = given().header("X-Original-URI", uri).get("/v1/forward-auth");
        replay.then().statusCode(401);
        assertEquals("IMPLICIT_DENY", line(replay.header(DecisionLog.HEADER)).get("decision").asText());

        assertEquals(issued + 1, metric("iamgate_presign_total{outcome=\"issued\"}"));
        assertEquals(denied + 1, metric("iamgate_presign_total{outcome=\"denied\"}"));
        assertEquals(exchanged + 1, metric("iamgate_forward_auth_total{result=\"exchanged\"}"));
        assertEquals(unauthorized + 1, metric("iamgate_forward_auth_total{result=\"unauthorized\"}"));
    }

    @Test
    void decisionLinesAreBareJsonEvenWithJsonConsoleLogging() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(DecisionLog.CATEGORY);
        assertFalse(logger.getUseParentHandlers(), "decision lines must not reach the (JSON) console handler");
        int formatted = 0;
        for (Handler h : logger.getHandlers()) {
            if (h == capture) {
                continue;
            }
            LogRecord r = new LogRecord(java.util.logging.Level.INFO, "{\"decisionId\":\"x\"}");
            r.setLoggerName(DecisionLog.CATEGORY);
            assertEquals("{\"decisionId\":\"x\"}", h.getFormatter().format(r).strip(), h.toString());
            formatted++;
        }
        assertEquals(1, formatted, "one handler of its own for " + DecisionLog.CATEGORY);
    }

    @Test
    void oneLiveRevisionSeriesAfterReloads() throws Exception {
        for (String rev : new String[] {"obs-2", "obs-3", "obs-3", "obs-4"}) {
            copyDemo(rev);
            given().post("/v1/bundle/reload").then().statusCode(200);
        }
        String m = metrics();
        List<String> series = m.lines().filter(l -> l.startsWith("iamgate_bundle_revision_info{")).toList();
        assertEquals(1, series.size(), series.toString());
        assertTrue(series.get(0).contains("revision=\"obs-4\""), series.toString());
        copyDemo("obs-1");
        given().post("/v1/bundle/reload").then().statusCode(200);
        assertEquals(1, metrics().lines().filter(l -> l.startsWith("iamgate_bundle_revision_info{")).count());
    }

    @Test
    void labelsAreBoundedHelpIsEverywhereAndCountersStartAtZero() {
        for (int i = 0; i < 50; i++) {
            given().contentType(ContentType.JSON).body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"action\":\"junk" + i + ":Act" + i
                    + "\",\"resource\":\"*\"}").post("/v1/authorize").then().statusCode(200);
        }
        String m = metrics();
        assertFalse(m.contains("junk"), "caller text never becomes a label value");
        assertTrue(m.contains("iamgate_decisions_total{action=\"other\",decision=\"IMPLICIT_DENY\"}"), "junk actions are counted as other");
        for (String zero : new String[] {"iamgate_presign_total{outcome=\"not_in_inventory\"}", "iamgate_forward_auth_total{result=\"forbidden\"}",
                "iamgate_bundle_reloads_total{outcome=\"backoff\"}", "iamgate_bundle_reloads_total{outcome=\"busy\"}",
                "iamgate_decisions_total{action=\"other\",decision=\"EXPLICIT_DENY\"}", "iamgate_decision_log_records_total{outcome=\"dropped\"}"}) {
            assertTrue(m.lines().anyMatch(l -> l.startsWith(zero + " ")), "pre-registered: " + zero);
        }
        assertTrue(m.lines().anyMatch(l -> l.startsWith("iamgate_build_info{")), "build info");
        Set<String> families = new TreeSet<>();
        Set<String> helped = new TreeSet<>();
        for (String l : m.lines().toList()) {
            Matcher t = Pattern.compile("^# TYPE (iamgate_\\w+) ").matcher(l);
            if (t.find()) {
                families.add(t.group(1));
            }
            Matcher h = Pattern.compile("^# HELP (iamgate_\\w+) (.*)$").matcher(l);
            if (h.find() && !h.group(2).isBlank()) {
                helped.add(h.group(1));
            }
        }
        assertTrue(families.size() > 10, families.toString());
        assertEquals(families, helped, "every iamgate metric has HELP text");
    }

    @Test
    void everyMetricTheMonitoringFilesUseIsExported() throws Exception {
        given().contentType(ContentType.JSON).body(authorizeBody(ALICE, "alice-nb")).post("/v1/authorize").then().statusCode(200);
        String m = metrics();
        Path dir = Path.of("k8s/monitoring");
        JsonNode rules = new YAMLMapper().readTree(dir.resolve("iamgate-alerts.yaml").toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                assertNotNull(rule.get("alert"), rule.toString());
                assertNotNull(rule.get("annotations").get("summary"), rule.toString());
                exprs.add(rule.get("expr").asText());
            }
        }
        JsonNode dashboard = JSON.readTree(dir.resolve("iamgate-dashboard.json").toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                exprs.add(target.get("expr").asText());
            }
        }
        assertTrue(exprs.size() >= 10, exprs.toString());
        Set<String> used = new TreeSet<>();
        for (String e : exprs) {
            Matcher x = Pattern.compile("\\biamgate_\\w+").matcher(e);
            while (x.find()) {
                used.add(x.group());
            }
        }
        for (String name : used) {
            assertTrue(m.lines().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " ")), "not exported: " + name);
        }
    }

    static String metrics() {
        return Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double metric(String series) {
        return metrics().lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series));
    }
}
