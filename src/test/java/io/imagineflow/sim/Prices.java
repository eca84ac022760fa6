package io.imagineflow.sim;

/**
 * What the simulator bills, in ticks (1 USD = 10^10), from xAI's published prices where there is one:
 * $0.02 an image, $0.05/s (480p) and $0.07/s (720p) for grok-imagine-video, $0.08/$0.14 for 1.5.
 * The quality, 2.0 and 1080p prices are not published; the figures here are placeholders of the right size.
 */
final class Prices {

    static final long CENT = 100_000_000L;

    private Prices() {}

    static long image(String model, int count, int inputImages) {
        long each = switch (model) {
            case "grok-imagine-image-quality" -> 7 * CENT;
            case "grok-imagine-image-2.0" -> 4 * CENT;
            default -> 2 * CENT;
        };
        return each * count + inputImages * CENT / 5; // $0.002 per input image
    }

    static long video(String model, String resolution, int seconds, int inputImages) {
        boolean v15 = model.equals("grok-imagine-video-1.5");
        long perSecond = switch (resolution == null ? "480p" : resolution) {
            case "720p" -> v15 ? 14 * CENT : 7 * CENT;
            case "1080p" -> 20 * CENT;
            default -> v15 ? 8 * CENT : 5 * CENT;
        };
        return perSecond * seconds + (v15 ? inputImages * CENT : 0);
    }
}
