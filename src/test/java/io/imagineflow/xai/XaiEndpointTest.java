package io.imagineflow.xai;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The functions call (and download from) xAI's hosts only, over https; plain http only on loopback. */
class XaiEndpointTest {

    private static final List<String> PRODUCTION = List.of("api.x.ai");
    private static final List<String> LOCAL = List.of("127.0.0.1", "localhost");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "https://api.x.ai | production | -",
                "https://API.X.AI/ | production | -",
                "http://api.x.ai | production | must use https",
                "https://api.x.ai.evil.example | production | is not one of xai.allowed-hosts",
                "https://evil.example | production | is not one of xai.allowed-hosts",
                "https://api.x.ai@evil.example | production | without user information",
                "https://127.0.0.1:8443 | production | is not one of xai.allowed-hosts",
                "file:///etc/passwd | production | must name a host",
                "http://127.0.0.1:41234 | local | -",
                "http://localhost:41234 | local | -",
                "http://10.0.0.7 | local | is not one of xai.allowed-hosts",
                "ftp://127.0.0.1 | local | must use https"
            })
    void onlyTheAllowedHostsOverHttps(String baseUrl, String where, String refusal) {
        String why = XaiEndpoint.refusal(baseUrl, where.equals("local") ? LOCAL : PRODUCTION);

        if (refusal == null) {
            assertEquals(null, why);
        } else {
            assertEquals(true, why != null && why.contains(refusal), why);
        }
    }
}
