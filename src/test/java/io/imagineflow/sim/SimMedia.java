package io.imagineflow.sim;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Real media for the simulator's outputs: a small PNG or JPEG whose colour follows the prompt, and a one-second
 * 64x64 H.264 MP4 ({@code src/test/resources/sim/sample.mp4}, made with
 * {@code ffmpeg -f lavfi -i testsrc=size=64x64:rate=8:duration=1 -c:v libx264 -pix_fmt yuv420p sample.mp4}).
 */
public final class SimMedia {

    private static final byte[] MP4 = load("sim/sample.mp4");

    private SimMedia() {}

    /** A 64x64 image in {@code format} ("png" or "jpeg") whose colour follows {@code prompt}. */
    public static byte[] image(String prompt, String format) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(prompt == null ? 0x336699 : prompt.hashCode() & 0xffffff));
        g.fillRect(0, 0, 64, 64);
        g.setColor(Color.WHITE);
        g.fillOval(16, 16, 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] video() {
        return MP4.clone();
    }

    /** The media type the bytes say they are (PNG, JPEG, WebP, MP4, PDF), or null. */
    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 12
                && b[0] == 'R'
                && b[1] == 'I'
                && b[2] == 'F'
                && b[3] == 'F'
                && b[8] == 'W'
                && b[9] == 'E'
                && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        if (b.length >= 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "video/mp4";
        }
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
            return "application/pdf";
        }
        return null;
    }

    static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/png" -> "png";
            case "image/jpeg" -> "jpeg";
            case "image/webp" -> "webp";
            case "video/mp4" -> "mp4";
            case "application/pdf" -> "pdf";
            default -> "bin";
        };
    }

    private static byte[] load(String resource) {
        try (InputStream in = SimMedia.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
