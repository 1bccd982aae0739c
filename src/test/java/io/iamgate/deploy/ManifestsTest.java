package io.iamgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.bundle.LoadResult;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders every kustomization under k8s/ with {@code kubectl kustomize} (as {@code kubectl apply -k}
 * would) and checks what the rendered objects promise, whatever the file layout: the sidecar's API on
 * loopback and its probes on the management interface, a NetworkPolicy that admits the gateway port
 * from anywhere and the management port only from the monitoring namespace, one replica unless the
 * replay store is shared in Redis, hardened pods, the signing key from a Secret, and a bundle
 * ConfigMap that maps every bundle file and loads cleanly. Skipped only when kubectl is missing and
 * the {@code CI} environment variable is unset.
 */
class ManifestsTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path K8S = Path.of("k8s");
    static final int API_PORT = 8181;
    static final int MANAGEMENT_PORT = 9181;
    static final int GATEWAY_PORT = 8080;
    static final int GATEWAY_TLS_PORT = 8443;
    static final Map<Path, List<JsonNode>> RENDERED = new LinkedHashMap<>();

    /** Renders every kustomization once (the first test that needs it); skips when kubectl is missing outside CI. */
    static synchronized void render() throws Exception {
        boolean kubectl = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, "kubectl")));
        assumeTrue(kubectl || System.getenv("CI") != null, "kubectl is not installed; skipping the rendered-manifest checks");
        List<Path> dirs;
        try (var s = Files.walk(K8S)) {
            dirs = s.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent).sorted().toList();
        }
        if (!RENDERED.isEmpty()) {
            return;
        }
        assertTrue(dirs.size() >= 3, "base and the two overlays: " + dirs);
        for (Path dir : dirs) {
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir + " finishes");
            assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + ":\n" + out);
            List<JsonNode> docs = new ArrayList<>();
            try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(out)) {
                while (it.hasNext()) {
                    JsonNode d = it.next();
                    if (d != null && !d.isNull() && !d.isMissingNode()) {
                        docs.add(d);
                    }
                }
            }
            RENDERED.put(dir, docs);
        }
    }

    static JsonNode one(List<JsonNode> docs, String kind, String name) {
        for (JsonNode d : docs) {
            if (d.path("kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name)) {
                return d;
            }
        }
        return null;
    }

    static List<JsonNode> all(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    /** A container of the pod, regular or init (the sidecar is a native sidecar: an init container). */
    static JsonNode container(JsonNode deployment, String name) {
        for (JsonNode c : allContainers(deployment)) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name);
    }

    static List<JsonNode> allContainers(JsonNode deployment) {
        List<JsonNode> out = new ArrayList<>();
        deployment.at("/spec/template/spec/initContainers").forEach(out::add);
        deployment.at("/spec/template/spec/containers").forEach(out::add);
        return out;
    }

    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.get("name").asText(), e));
        return env;
    }

    static String envValue(JsonNode container, String name) {
        JsonNode e = env(container).get(name);
        return e == null ? null : e.path("value").asText(null);
    }

    /** The container port a probe's (named or numbered) port refers to. */
    static int probePort(JsonNode container, JsonNode probe) {
        JsonNode port = probe.at("/httpGet/port");
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.get("containerPort").asInt();
            }
        }
        throw new AssertionError("probe port " + port + " is not a port of " + container.get("name"));
    }

    static JsonNode gatewayDeployment(Path dir) {
        JsonNode d = one(RENDERED.get(dir), "Deployment", "notebook-gateway");
        assertNotNull(d, dir + " renders the gateway Deployment");
        return d;
    }

    @Test
    void everyKustomizationRendersTheWholeGateway() throws Exception {
        render();
        for (Map.Entry<Path, List<JsonNode>> e : RENDERED.entrySet()) {
            List<JsonNode> docs = e.getValue();
            for (String kind : List.of("Deployment", "Service", "NetworkPolicy", "PodDisruptionBudget", "HorizontalPodAutoscaler")) {
                assertNotNull(one(docs, kind, "notebook-gateway"), e.getKey() + " has " + kind);
            }
            assertNotNull(one(docs, "ConfigMap", "iamgate-bundle"), e.getKey().toString());
            assertNotNull(one(docs, "ConfigMap", "iamgate-gateway-nginx"), e.getKey().toString());
            for (JsonNode d : docs) {
                assertNotNull(d.at("/metadata/name").textValue(), d.toString());
                assertNotNull(d.get("apiVersion"));
            }
        }
    }

    @Test
    void podsAreHardened() throws Exception {
        render();
        for (Map.Entry<Path, List<JsonNode>> e : RENDERED.entrySet()) {
            for (JsonNode d : all(e.getValue(), "Deployment")) {
                String where = e.getKey() + " " + d.at("/metadata/name").asText();
                JsonNode pod = d.at("/spec/template/spec");
                assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), where);
                assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), where);
                assertFalse(pod.get("automountServiceAccountToken").asBoolean(), where);
                for (JsonNode c : allContainers(d)) {
                    String n = where + "/" + c.get("name").asText();
                    JsonNode sc = c.get("securityContext");
                    assertFalse(sc.get("allowPrivilegeEscalation").asBoolean(), n);
                    assertTrue(sc.get("readOnlyRootFilesystem").asBoolean(), n);
                    assertTrue(sc.get("runAsNonRoot").asBoolean(), n);
                    assertEquals("ALL", sc.at("/capabilities/drop/0").asText(), n);
                    assertEquals("RuntimeDefault", sc.at("/seccompProfile/type").asText(), n);
                    String image = c.get("image").asText();
                    assertTrue(image.contains(":") && !image.endsWith(":latest"), "image pinned by tag: " + image);
                    assertTrue(c.at("/resources/limits/memory").isTextual(), n + " has a memory limit");
                    assertTrue(c.at("/resources/requests/cpu").isTextual() && c.at("/resources/requests/memory").isTextual(), n + " has requests");
                }
            }
            assertEquals(2, allContainers(gatewayDeployment(e.getKey())).size());
            assertTrue(gatewayDeployment(e.getKey()).at("/spec/template/spec/topologySpreadConstraints").size() >= 1);
        }
    }

    @Test
    void apiOnLoopbackProbesAndScrapesOnTheManagementInterface() throws Exception {
        render();
        Properties props = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            props.load(in);
        }
        assertEquals("127.0.0.1", props.getProperty("quarkus.http.host"), "the API listens on loopback by default");
        assertEquals("true", props.getProperty("quarkus.management.enabled"));
        assertEquals(String.valueOf(MANAGEMENT_PORT), props.getProperty("quarkus.management.port"));
        for (Path dir : RENDERED.keySet()) {
            JsonNode d = gatewayDeployment(dir);
            JsonNode s = container(d, "iamgate");
            String host = envValue(s, "QUARKUS_HTTP_HOST");
            assertTrue(host == null || host.equals("127.0.0.1"), dir + ": the API stays on loopback, not " + host);
            String mgmtPort = envValue(s, "QUARKUS_MANAGEMENT_PORT");
            assertTrue(mgmtPort == null || mgmtPort.equals(String.valueOf(MANAGEMENT_PORT)), dir.toString());
            for (JsonNode p : s.path("ports")) {
                assertEquals(MANAGEMENT_PORT, p.get("containerPort").asInt(), dir + ": the sidecar publishes only the management port");
            }
            Map<String, String> probes = Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready",
                    "livenessProbe", "/q/health/live");
            probes.forEach((probe, path) -> {
                JsonNode pr = s.get(probe);
                assertNotNull(pr, dir + " " + probe);
                assertEquals(path, pr.at("/httpGet/path").asText(), dir + " " + probe);
                assertEquals(MANAGEMENT_PORT, probePort(s, pr), dir + " " + probe + " on the management port");
            });
            assertEquals(String.valueOf(MANAGEMENT_PORT), d.at("/spec/template/metadata/annotations/prometheus.io~1port").asText(), dir.toString());
            assertEquals("iamgate-presign", env(s).get("IAMGATE_PRESIGN_SIGNING_KEY").at("/valueFrom/secretKeyRef/name").asText(),
                    "the signing key comes from a Secret");
            assertEquals("512Mi", s.at("/resources/limits/memory").asText(), "sized from BENCHMARKS.md (~270 MB idle RSS at 10k/100k with docker/jvm.options, -Xmx256m; room for a reload)");
            for (JsonNode c : allContainers(d)) {
                for (String noisy : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
                    assertNull(env(c).get(noisy), dir + ": " + noisy + " prints a non-JSON line into the JSON log; the image's jvm.options holds the flags");
                }
            }
            String gatewayConf = one(RENDERED.get(dir), "ConfigMap", "iamgate-gateway-nginx").at("/data/gateway.conf").asText();
            assertTrue(gatewayConf.contains("127.0.0.1:" + API_PORT), dir + ": the gateway reaches the sidecar on loopback");
        }
    }

    @Test
    void networkPolicyAdmitsTheGatewayFromAnywhereAndManagementOnlyFromMonitoring() throws Exception {
        render();
        for (Path dir : RENDERED.keySet()) {
            // the port the gateway container listens on (8080 in the base, 8443 with per-notebook TLS hosts)
            JsonNode gatewayPort = container(gatewayDeployment(dir), "gateway").at("/ports/0");
            assertEquals("http", gatewayPort.get("name").asText());
            int gatewayContainerPort = gatewayPort.get("containerPort").asInt();
            assertTrue(gatewayContainerPort == GATEWAY_PORT || gatewayContainerPort == GATEWAY_TLS_PORT, dir + ": gateway port " + gatewayContainerPort);
            JsonNode np = one(RENDERED.get(dir), "NetworkPolicy", "notebook-gateway");
            assertEquals("notebook-gateway", np.at("/spec/podSelector/matchLabels/app").asText());
            assertTrue(np.at("/spec/policyTypes").toString().contains("Ingress"));
            boolean gateway = false;
            boolean management = false;
            for (JsonNode rule : np.at("/spec/ingress")) {
                assertFalse(rule.path("ports").isMissingNode() || rule.path("ports").isEmpty(), dir + ": every rule names its ports");
                for (JsonNode port : rule.get("ports")) {
                    int p = port.get("port").asInt();
                    if (p == gatewayContainerPort) {
                        gateway = true;
                        JsonNode from = rule.path("from");
                        assertEquals(1, from.size(), dir + ": the gateway port only from the ingress (identity-aware proxy) namespace");
                        assertFalse(from.at("/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText().isEmpty(), dir.toString());
                        assertTrue(from.at("/0/ipBlock").isMissingNode(), dir.toString());
                    } else if (p == MANAGEMENT_PORT) {
                        management = true;
                        JsonNode from = rule.path("from");
                        assertEquals(1, from.size(), dir + ": management only from the monitoring namespace");
                        assertEquals("monitoring", from.at("/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText(), dir.toString());
                        assertTrue(from.at("/0/podSelector").isMissingNode() || from.at("/0/podSelector").isEmpty(), dir.toString());
                        assertTrue(from.at("/0/ipBlock").isMissingNode(), dir.toString());
                    } else {
                        throw new AssertionError(dir + ": the NetworkPolicy admits port " + p);
                    }
                }
            }
            assertTrue(gateway && management, dir.toString());
            JsonNode svc = one(RENDERED.get(dir), "Service", "notebook-gateway");
            assertEquals(1, svc.at("/spec/ports").size(), "only the gateway is a Service port");
            assertEquals("http", svc.at("/spec/ports/0/targetPort").asText());
        }
    }

    @Test
    void oneReplicaUnlessTheReplayStoreIsSharedInRedis() throws Exception {
        render();
        boolean sawRedis = false;
        for (Path dir : RENDERED.keySet()) {
            List<JsonNode> docs = RENDERED.get(dir);
            JsonNode d = gatewayDeployment(dir);
            JsonNode s = container(d, "iamgate");
            JsonNode hpa = one(docs, "HorizontalPodAutoscaler", "notebook-gateway");
            JsonNode pdb = one(docs, "PodDisruptionBudget", "notebook-gateway");
            // one pod at a time, whatever the replica count (and a single replica can still be drained)
            assertEquals(1, pdb.at("/spec/maxUnavailable").asInt(), dir + ": PDB maxUnavailable: 1");
            assertTrue(pdb.at("/spec/minAvailable").isMissingNode(), dir + ": no minAvailable next to maxUnavailable");
            String store = envValue(s, "IAMGATE_PRESIGN_REPLAY_STORE");
            if ("redis".equals(store)) {
                sawRedis = true;
                String hosts = envValue(s, "QUARKUS_REDIS_HOSTS");
                assertNotNull(hosts, dir.toString());
                String service = hosts.replaceFirst("^redis://", "").replaceFirst("[:/].*$", "");
                assertNotNull(one(docs, "Service", service), dir + ": the Redis Service " + service + " is rendered");
                assertNotNull(one(docs, "NetworkPolicy", service), dir + ": only the gateway reaches Redis");
                assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2 && hpa.at("/spec/maxReplicas").asInt() >= hpa.at("/spec/minReplicas").asInt(),
                        dir.toString());
            } else {
                assertTrue(store == null || store.equals("memory"), dir + ": " + store);
                assertTrue(d.at("/spec/replicas").asInt() <= 1, dir + ": the memory replay store is single-replica");
                assertTrue(hpa.at("/spec/maxReplicas").asInt() <= 1, dir + ": the memory replay store is single-replica");
            }
        }
        assertTrue(sawRedis, "an overlay runs several replicas on a shared Redis replay store");
    }

    /**
     * The bundle the sidecar sees, rebuilt from the rendered objects as the kubelet would mount it: every
     * volume mounted at or under the bundle path is a whole ConfigMap (no {@code items}: nothing to keep
     * in step with the files), each key a file in the mount's directory.
     */
    @Test
    void bundleIsMountedAsWholeConfigMapsAndLoadsCleanly() throws Exception {
        render();
        Path bundleDir = K8S.resolve("base/bundle");
        Set<String> files = new HashSet<>();
        try (var s = Files.walk(bundleDir)) {
            s.filter(Files::isRegularFile).forEach(p -> files.add(bundleDir.relativize(p).toString()));
        }
        for (Path dir : RENDERED.keySet()) {
            JsonNode d = gatewayDeployment(dir);
            JsonNode s = container(d, "iamgate");
            String bundlePath = envValue(s, "IAMGATE_BUNDLE_PATH");
            if (bundlePath.startsWith("http")) {
                continue; // the HTTP overlay: the bundle server holds it
            }
            Map<String, JsonNode> volumes = new HashMap<>();
            d.at("/spec/template/spec/volumes").forEach(v -> volumes.put(v.get("name").asText(), v));
            Path out = Files.createTempDirectory("iamgate-k8s-bundle");
            Set<String> mounted = new HashSet<>();
            for (JsonNode m : s.path("volumeMounts")) {
                String mountPath = m.get("mountPath").asText();
                if (!(mountPath.equals(bundlePath) || mountPath.startsWith(bundlePath + "/"))) {
                    continue;
                }
                JsonNode v = volumes.get(m.get("name").asText());
                assertNotNull(v, dir + ": volume " + m.get("name"));
                assertTrue(m.path("subPath").isMissingNode(), dir + ": a subPath mount never sees ConfigMap updates");
                assertTrue(v.at("/configMap/items").isMissingNode(), dir + ": " + m.get("name") + " is mounted whole, without an items list");
                JsonNode cm = one(RENDERED.get(dir), "ConfigMap", v.at("/configMap/name").asText());
                assertNotNull(cm, dir + ": ConfigMap " + v.at("/configMap/name"));
                String rel = mountPath.substring(bundlePath.length()).replaceFirst("^/", "");
                for (var it = cm.path("data").fields(); it.hasNext(); ) {
                    var e = it.next();
                    String path = rel.isEmpty() ? e.getKey() : rel + "/" + e.getKey();
                    Path p = out.resolve(path);
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, e.getValue().asText());
                    assertTrue(mounted.add(path), dir + ": " + path + " mounted once");
                }
            }
            assertEquals(files, mounted, dir + ": every file of k8s/base/bundle is in the mounted bundle, at its path");
            LoadResult r = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(out.toString()));
            assertTrue(r.accepted(), () -> dir + ": " + r.findings());
        }
    }

    /**
     * Start and stop order, as the kubelet applies it: the sidecar is a native sidecar (an init container
     * with {@code restartPolicy: Always}), so it is started before the gateway and stopped only after the
     * gateway has exited; nginx drains gracefully (a preStop {@code nginx -s quit} that waits, because
     * nginx's SIGTERM is a fast shutdown) within the grace period. ShutdownIT runs this sequence.
     */
    @Test
    void theSidecarOutlivesTheGatewayAndNginxDrainsGracefully() throws Exception {
        render();
        for (Path dir : RENDERED.keySet()) {
            JsonNode d = gatewayDeployment(dir);
            JsonNode init = d.at("/spec/template/spec/initContainers");
            assertEquals(1, init.size(), dir.toString());
            assertEquals("iamgate", init.at("/0/name").asText(), dir + ": the sidecar is an init container");
            assertEquals("Always", init.at("/0/restartPolicy").asText(), dir + ": a native sidecar (restartPolicy: Always)");
            assertEquals("/q/health/started", init.at("/0/startupProbe/httpGet/path").asText(),
                    dir + ": the gateway starts once the sidecar is started (a bad bundle only makes it not ready)");
            JsonNode gw = container(d, "gateway");
            String preStop = String.join(" ", YAML.convertValue(gw.at("/lifecycle/preStop/exec/command"), String[].class));
            assertTrue(preStop.contains("nginx -s quit"), dir + ": nginx quits gracefully before the kubelet's SIGTERM: " + preStop);
            assertTrue(preStop.matches(".*nginx -s quit.*(while|wait).*"), dir + ": the hook waits for nginx to finish draining: " + preStop);
            assertTrue(d.at("/spec/template/spec/terminationGracePeriodSeconds").asInt() >= 30, dir + ": room for the drain");
        }
    }

    @Test
    void everyObjectCarriesTheStandardLabels() throws Exception {
        render();
        for (Path dir : RENDERED.keySet()) {
            for (JsonNode o : RENDERED.get(dir)) {
                String where = dir + " " + o.path("kind").asText() + "/" + o.at("/metadata/name").asText();
                for (String label : List.of("app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/component")) {
                    String pointer = "/" + label.replace("/", "~1");
                    assertFalse(o.at("/metadata/labels" + pointer).asText().isEmpty(), where + " has " + label);
                    if (o.path("kind").asText().equals("Deployment")) {
                        assertFalse(o.at("/spec/template/metadata/labels" + pointer).asText().isEmpty(), where + " pods have " + label);
                    }
                }
            }
        }
    }

    /** The sidecar's image is set by an images: entry and is exactly what README's build and push commands produce. */
    @Test
    void theSidecarImageIsTheOneTheReadmeBuildsAndPushes() throws Exception {
        render();
        String readme = Files.readString(Path.of("README.md"));
        for (Path dir : RENDERED.keySet()) {
            String image = container(gatewayDeployment(dir), "iamgate").get("image").asText();
            assertTrue(image.matches("[a-z0-9.-]+(:[0-9]+)?/([a-z0-9._-]+/)*iamgate:[A-Za-z0-9._-]+"),
                    dir + ": the images: entry names a registry and a tag, not the placeholder: " + image);
            assertTrue(readme.contains("docker build -f docker/Dockerfile.jvm -t " + image + " .")
                    && readme.contains("docker push " + image), dir + ": README builds and pushes " + image);
        }
        String kustomization = Files.readString(K8S.resolve("base/kustomization.yaml"));
        assertTrue(kustomization.contains("images:"), "the image is set in one place");
    }

    @Test
    void httpOverlayPointsAtABundleServerAndRequiresSignatures() throws Exception {
        render();
        Path dir = K8S.resolve("overlays/http-bundle");
        assertTrue(RENDERED.containsKey(dir), RENDERED.keySet().toString());
        JsonNode s = container(gatewayDeployment(dir), "iamgate");
        assertTrue(envValue(s, "IAMGATE_BUNDLE_PATH").startsWith("https://"));
        assertEquals("iamgate-bundle-signing", env(s).get("IAMGATE_BUNDLE_VERIFICATION_KEY").at("/valueFrom/configMapKeyRef/name").asText());
        assertEquals(1, env(s).values().stream().filter(e -> e.get("name").asText().equals("IAMGATE_BUNDLE_PATH")).count());
        JsonNode base = container(gatewayDeployment(K8S.resolve("base")), "iamgate");
        assertEquals("/etc/iamgate/bundle", envValue(base, "IAMGATE_BUNDLE_PATH"));
        assertNull(env(base).get("IAMGATE_BUNDLE_VERIFICATION_KEY"));
    }

    /** Bytes of a Kubernetes quantity such as 512Mi, 1Gi, 300M. */
    static long bytes(String quantity) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+)(Ki|Mi|Gi|k|M|G)?").matcher(quantity);
        assertTrue(m.matches(), quantity);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> n << 10;
            case "Mi" -> n << 20;
            case "Gi" -> n << 30;
            case "k" -> n * 1000;
            case "M" -> n * 1000_000;
            case "G" -> n * 1000_000_000;
            default -> n;
        };
    }

    /**
     * What the sidecar is given is what it reads: every IAMGATE_* variable of every overlay names a setting (Quarkus
     * ignores unknown environment variables; the sidecar refuses them) and its literal value passes the start-up checks;
     * the signing key comes from the Secret and key README creates; memory fits -Xmx of docker/jvm.options and is what
     * README says.
     */
    @Test
    void sidecarSettingsSecretAndMemoryAreThoseTheDocsName() throws Exception {
        render();
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("kubectl create secret generic iamgate-presign --from-literal=signing-key="), "README creates the Secret");
        long xmx = 0;
        for (String line : Files.readAllLines(Path.of("docker/jvm.options"))) {
            if (line.startsWith("-Xmx")) {
                xmx = bytes(line.substring(4).replace("m", "Mi").replace("g", "Gi"));
            }
        }
        assertTrue(xmx > 0, "docker/jvm.options caps the heap");
        for (Path dir : RENDERED.keySet()) {
            JsonNode s = container(gatewayDeployment(dir), "iamgate");
            Map<String, String> values = new HashMap<>();
            for (JsonNode e : s.path("env")) {
                String name = e.get("name").asText();
                if (name.startsWith("IAMGATE_")) {
                    assertTrue(io.iamgate.runtime.ConfigCheck.knownEnvironment(name), dir + ": " + name + " names no iamgate setting");
                }
                if (e.has("value") && (name.startsWith("IAMGATE_") || name.startsWith("QUARKUS_"))) {
                    values.put(name, e.get("value").asText());
                }
            }
            io.smallrye.config.SmallRyeConfig config = new io.smallrye.config.SmallRyeConfigBuilder()
                    .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                    .withSources(new io.smallrye.config.EnvConfigSource(values, 500)).build();
            assertEquals(List.of(), io.iamgate.runtime.ConfigCheck.problems(config, values), dir + ": the sidecar's settings pass its start-up checks");
            JsonNode key = env(s).get("IAMGATE_PRESIGN_SIGNING_KEY").at("/valueFrom/secretKeyRef");
            assertEquals("iamgate-presign", key.path("name").asText(), dir.toString());
            assertEquals("signing-key", key.path("key").asText(), dir + ": the key README's kubectl create secret writes");
            long limit = bytes(s.at("/resources/limits/memory").asText());
            long request = bytes(s.at("/resources/requests/memory").asText());
            assertTrue(limit >= xmx + (128L << 20), dir + ": the limit holds the -Xmx heap and the JVM's non-heap memory");
            assertTrue(request >= 128L << 20 && request <= limit, dir + ": the request covers the JVM's idle RSS (<= 128 MB, demo bundle)");
            if (dir.equals(K8S.resolve("base"))) {
                String sizes = s.at("/resources/requests/memory").asText() + "/" + s.at("/resources/limits/memory").asText();
                assertTrue(readme.contains("(sidecar " + sizes + ")"), "README states the sidecar's request/limit " + sizes);
            }
        }
    }

    /** SPEC §7 names k8s/gateway.conf: it is the base's file (a link), the one whose token exchange drops authToken. */
    @Test
    void theGatewayConfTheSpecNamesIsTheBasesAndDropsTheToken() throws Exception {
        Path spec = K8S.resolve("gateway.conf");
        assertTrue(Files.isSymbolicLink(spec) && Files.isSameFile(spec, K8S.resolve("base/gateway.conf")), "k8s/gateway.conf -> base/gateway.conf");
        String conf = Files.readString(spec);
        assertTrue(conf.contains("if ($arg_authtoken) { rewrite ^ /_iamgate_exchange last; }"), "a URL with authToken goes to the exchange");
        assertTrue(conf.contains("return 302 $iamgate_redirect;"), "the exchange redirects to the URL without authToken");
    }

    @Test
    void dockerfilesSayHowToBuildAndRunAsNonRoot() throws Exception {
        for (String f : new String[] {"docker/Dockerfile.jvm", "docker/Dockerfile.native"}) {
            String text = Files.readString(Path.of(f));
            assertTrue(text.contains("docker build") && text.contains("docker run"), f + " header says how to build and run");
            assertTrue(text.contains("USER 10001"), f + " runs as non-root");
        }
        assertTrue(Files.exists(Path.of(".dockerignore")));
    }
}
