package io.imagineflow.xai;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fallback copy downloads only from xAI's media hosts, over https (plain http on loopback alone). */
class XaiMediaTest {

    private static final List<String> HOSTS = List.of("x.ai", "127.0.0.1");

    @ParameterizedTest
    @CsvSource({
        "https://imgen.x.ai/xai-imgen/xai-tmp-imgen-1.jpeg",
        "https://vidgen.x.ai/xai-vidgen-bucket/xai-video-1.mp4",
        "https://x.ai/a.png",
        "http://127.0.0.1:8090/sim/media/1.mp4"
    })
    void xaisOwnMediaHostsMayBeRead(String url) {
        assertNull(XaiMedia.refusal(URI.create(url), HOSTS));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://example.com/a.png | not one of xai.media-hosts",
                "https://x.ai.example.com/a.png | not one of xai.media-hosts",
                "https://evilx.ai/a.png | not one of xai.media-hosts",
                "http://imgen.x.ai/a.png | must use https",
                "https://user:pw@imgen.x.ai/a.png | without user information",
                "file:///etc/passwd | must name a host"
            })
    void anyOtherPlaceIsRefusedByReason(String url, String reason) {
        String refusal = XaiMedia.refusal(URI.create(url.strip()), HOSTS);
        assertTrue(refusal != null && refusal.contains(reason.strip()), refusal);
    }

    @ParameterizedTest
    @CsvSource({"https://IMGEN.X.AI/a.png"})
    void hostsCompareWithoutCase(String url) {
        assertEquals(null, XaiMedia.refusal(URI.create(url), List.of("X.ai")));
    }
}
