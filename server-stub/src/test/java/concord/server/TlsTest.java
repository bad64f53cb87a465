package concord.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with PEM files, and the rule that keeps tokens off the network in clear. */
class TlsTest {

    @TempDir
    Path dir;
    TestCertificates certs;

    @BeforeEach
    void makeCertificate() throws Exception {
        certs = TestCertificates.make(dir);
    }

    private ServerConfig tlsConfig() {
        return ServerConfig.loopback(dir.resolve("data")).withTls(new ServerConfig.TlsFiles(certs.certificate, certs.privateKey));
    }

    @Test
    void withACertificateAndKeyTheServerSpeaksHttpsAndOnlyHttps() throws Exception {
        try (ConcordServer server = ConcordServer.create(tlsConfig()).start()) {
            assertEquals("https", server.baseUri().getScheme());
            HttpClient tls = HttpClient.newBuilder().sslContext(certs.clientContext).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> created = tls.send(HttpRequest.newBuilder(server.baseUri().resolve("/notes/secure"))
                    .header("Content-Type", "application/json").header("X-Concord-User", "alice").header("If-None-Match", "*")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"body\":\"over TLS\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created::body);
            HttpResponse<String> read = tls.send(HttpRequest.newBuilder(server.baseUri().resolve("/notes/secure")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(read.body().contains("over TLS"), read::body);

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String httpUri = server.baseUri().toString().replace("https:", "http:");
            try {
                HttpResponse<String> r = plain.send(HttpRequest.newBuilder(java.net.URI.create(httpUri + "/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() == 400, "plain HTTP on the TLS port must not be served: " + r.statusCode());
            } catch (IOException refused) {
                // the TLS connector drops a plain-HTTP client: equally fine
            }
        }
    }

    @Test
    void aKeyInTheOldOpenSslFormatIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Files.writeString(certs.privateKey, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConcordServer.create(tlsConfig()));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void aNonLoopbackAddressNeedsTlsOrAnExplicitProxyFlagAsWellAsUsers() throws Exception {
        Path users = dir.resolve("users.txt");
        Files.writeString(users, "alice:0123456789abcdef0123\n");
        Files.setPosixFilePermissions(users, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        ServerConfig open = new ServerConfig("0.0.0.0", 0, dir.resolve("data"), Optional.of(users));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConcordServer.create(open));
        assertTrue(e.getMessage().contains("--tls-cert") && e.getMessage().contains("--plain-http-behind-proxy"),
                e.getMessage());
        try (ConcordServer behindProxy = ConcordServer.create(open.withPlainHttpBehindProxy(true))) {
            assertEquals("0.0.0.0", behindProxy.config().host());
        }
        try (ConcordServer withTls = ConcordServer.create(open.withTls(new ServerConfig.TlsFiles(certs.certificate,
                certs.privateKey)))) {
            assertTrue(withTls.config().tls().isPresent());
        }
    }
}
