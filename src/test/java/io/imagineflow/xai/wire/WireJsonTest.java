package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The wire records write and read exactly xAI's JSON. */
class WireJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachKindOfMediaHasItsWireForm() throws Exception {
        assertEquals(
                "{\"url\":\"https://example.com/a.png\"}",
                json.writeValueAsString(Media.ofUrl("https://example.com/a.png")));
        assertEquals(
                "{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}",
                json.writeValueAsString(Media.ofUrl("data:image/png;base64,iVBORw0KGgo=")));
        assertEquals(
                "{\"file_id\":\"file_7de029f4-eb66-42ee-87f8-b2a9d9e7466a\"}",
                json.writeValueAsString(Media.ofFileId("file_7de029f4-eb66-42ee-87f8-b2a9d9e7466a")));
    }

    @Test
    void mediaIsReadIntoItsKind() throws Exception {
        assertInstanceOf(Media.HttpsUrl.class, json.readValue("{\"url\":\"https://e.com/a.png\"}", Media.class));
        assertInstanceOf(Media.DataUri.class, json.readValue("{\"url\":\"data:image/png;base64,AAAA\"}", Media.class));
        assertInstanceOf(Media.FileId.class, json.readValue("{\"file_id\":\"file_abc\"}", Media.class));
        assertInstanceOf(Media.HttpsUrl.class, json.readValue("{\"image_url\":\"https://e.com/a.png\"}", Media.class));
    }

    @Test
    void mediaWithBothOrNeitherIsRefused() {
        assertThrows(
                MismatchedInputException.class,
                () -> json.readValue("{\"url\":\"https://e.com/a.png\",\"file_id\":\"file_abc\"}", Media.class));
        assertThrows(MismatchedInputException.class, () -> json.readValue("{}", Media.class));
    }

    @Test
    void plainHttpUrlsAreRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Media.ofUrl("http://example.com/a.png"));
        assertEquals("url must be an https URL", e.getMessage());
        assertThrows(InvalidFormatException.class, () -> json.readValue("{\"url\":\"http://e.com/a\"}", Media.class));
    }

    @Test
    void malformedDataUrisAndFileIdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Media.ofUrl("data:image/png,notbase64"));
        assertThrows(IllegalArgumentException.class, () -> Media.ofFileId("7de029f4"));
        assertThrows(IllegalArgumentException.class, () -> Media.ofFileId("file_../../etc"));
        assertEquals("image/webp", ((Media.DataUri) Media.ofUrl("data:image/webp;base64,UklG")).mediaType());
    }

    @Test
    void publicUrlIsABooleanOrAnObjectWithItsOwnExpiry() throws Exception {
        assertEquals("true", json.writeValueAsString(PublicUrl.of(true)));
        assertEquals("{\"expires_after\":86400}", json.writeValueAsString(PublicUrl.expiringAfter(86400)));
        assertEquals(PublicUrl.of(false), json.readValue("false", PublicUrl.class));
        assertEquals(PublicUrl.expiringAfter(3600), json.readValue("{\"expires_after\":3600}", PublicUrl.class));
    }

    @Test
    void requestsAreSnakeCaseAndLeaveOutWhatIsNotSet() throws Exception {
        GenerateVideoRequest request = GenerateVideoRequest.fromReferences(
                        "grok-imagine-video",
                        "walk",
                        5,
                        List.of(Media.ofFileId("file_a"), Media.ofUrl("https://e.com/b.jpg")))
                .withStorage(new StorageOptions("out.mp4", 7200L, PublicUrl.expiringAfter(86400)));
        assertEquals(
                "{\"prompt\":\"walk\",\"model\":\"grok-imagine-video\",\"duration\":5,\"reference_images\":"
                        + "[{\"file_id\":\"file_a\"},{\"url\":\"https://e.com/b.jpg\"}],\"storage_options\":{\"filename\":"
                        + "\"out.mp4\",\"expires_after\":7200,\"public_url\":{\"expires_after\":86400}}}",
                json.writeValueAsString(request));
    }

    @Test
    void aFileOutputIsReadInFullWithItsErrors() throws Exception {
        GeneratedImageResponse response = json.readValue(
                "{\"data\":[{\"url\":\"https://imgen.x.ai/a.jpeg\","
                        + "\"mime_type\":\"image/jpeg\",\"file_output\":{\"file_id\":\"file_1\",\"filename\":\"a.jpg\","
                        + "\"expires_at\":1790000000,\"public_url\":null,\"public_url_expires_at\":null,\"public_url_error\":"
                        + "\"quota\"},\"storage_error\":null,\"unknown_field\":1}],\"usage\":{\"cost_in_usd_ticks\":200000000}}",
                GeneratedImageResponse.class);
        FileOutput output = response.data().get(0).fileOutput();
        assertEquals(new FileOutput("file_1", "a.jpg", 1_790_000_000L, null, null, "quota"), output);
        assertEquals(200_000_000L, response.usage().costInUsdTicks());
    }
}
