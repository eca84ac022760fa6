package io.imagineflow.bench;

import io.imagineflow.job.JobConfig;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobState;
import io.imagineflow.job.Operation;
import io.imagineflow.job.PollSchedule;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * bench/polls: the product's own {@link PollSchedule} (configured by application.properties, as deployed) over
 * simulated jobs, for each way xAI may report progress, against a fixed 5 s poller. Each job's generation time is
 * drawn from a lognormal; the schedule sees what a poll would see (pending with a progress, or done) at the times
 * it asks for, with no latency. Writes the report (bench/POLLS.md) and prints one JSON summary line last.
 */
public final class PollsBench {

    private static final String USAGE = """
            usage: bench/polls [options]
              --jobs N     simulated jobs per progress model and kind (default 20000)
              --seed S     the generator's seed (default 1)
              --out FILE   the report (default bench/POLLS.md)
              --set K=V    a setting of application.properties for this run, such as
                           imagine.job.poll.delay-weight=0.8 (repeatable)""";

    /** The video of the targets: text to video, 5 s at 480p (generation time median 45 s, p90 97 s). */
    static final Kind VIDEO = new Kind("video (5 s, 480p)", Operation.TEXT_TO_VIDEO, "480p", 5, 45, 97);

    private static final Kind IMAGE = new Kind("image", Operation.IMAGE_GENERATE, null, null, 8, 20);

    /**
     * The optimal schedule without progress for the video's lognormal, as the issue computed it: 5.3 polls for a
     * 4 s median delay, 3.0 for 8 s. A target, not a measurement: this run measures ours against it.
     */
    private static final double[][] FRONTIER = {{4, 5.3}, {8, 3.0}};

    record Kind(String name, Operation operation, String resolution, Integer duration, double median, double p90) {
        double sigma() {
            return Math.log(p90 / median) / 1.2815515655446004;
        }

        double draw(SplittableRandom random) {
            return median * Math.exp(sigma() * gaussian(random));
        }
    }

    /**
     * How xAI reports progress in one simulated run, and the settings that tell the schedule so (a deployment that
     * knows how its reports behave sets these; the defaults allow for all of them).
     */
    enum Reports {
        ACCURATE("accurate (progress = elapsed/total)", Map.of(NOISE, "0", BIAS, "0")),
        NONE("none (empty 202s)", Map.of()),
        NOISY("noisy (each reading ×U(0.7, 1.3))", Map.of(BIAS, "0")),
        BIASED("biased per job (one factor ×U(0.7, 1.3) per job)", Map.of(NOISE, "0"));

        final String label;
        final Map<String, String> told;

        Reports(String label, Map<String, String> told) {
            this.label = label;
            this.told = told;
        }

        String told() {
            return told.isEmpty()
                    ? "(the defaults)"
                    : told.entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e ->
                                    "`" + e.getKey().substring("imagine.job.poll.".length()) + "=" + e.getValue() + "`")
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("");
        }
    }

    private static final String NOISE = "imagine.job.poll.progress-noise";
    private static final String BIAS = "imagine.job.poll.progress-bias";

    /** {@code told}: the run whose settings describe the reports, rather than the defaults. */
    record Result(String kind, String reports, boolean told, int jobs, double polls, double median, double p90) {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options;
        Map<String, String> settings = new LinkedHashMap<>();
        try {
            options = options(args, settings);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (options.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        int jobs = (int) number(options, "jobs", 20_000, 100, 10_000_000);
        long seed = number(options, "seed", 1, 0, Long.MAX_VALUE);
        Path out = Path.of(options.getOrDefault("out", "bench/POLLS.md"));
        PollSchedule schedule = new PollSchedule(config(settings));
        long began = System.nanoTime();
        List<Result> results = new ArrayList<>();
        for (Kind kind : List.of(VIDEO, IMAGE)) {
            for (Reports reports : Reports.values()) {
                results.add(run(schedule, kind, reports, false, jobs, seed));
            }
            results.add(fixed(kind, jobs, seed));
            for (Reports reports : Reports.values()) {
                if (!reports.told.isEmpty()) {
                    Map<String, String> told = new LinkedHashMap<>(settings);
                    told.putAll(reports.told);
                    results.add(run(new PollSchedule(config(told)), kind, reports, true, jobs, seed));
                }
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        List<String[]> targets = targets(results);
        Files.writeString(out, report(results, targets, jobs, seed, seconds));
        boolean met = targets.stream().allMatch(t -> t[3].equals("met"));
        System.out.println(summary(results, targets, met, jobs, seconds));
    }

    static Result run(PollSchedule schedule, Kind kind, Reports reports, boolean told, int jobs, long seed) {
        double[][] outcomes = IntStream.range(0, jobs)
                .parallel()
                .mapToObj(i -> job(schedule, kind, reports, new SplittableRandom(seed * 1_000_003L + i)))
                .toArray(double[][]::new);
        return summarize(kind.name(), reports.label, told, outcomes);
    }

    /** One job through the schedule: {polls, detection delay in seconds}. */
    static double[] job(PollSchedule schedule, Kind kind, Reports reports, SplittableRandom random) {
        double finish = kind.draw(random);
        double bias = 0.7 + 0.6 * random.nextDouble();
        JobRequest request = request(kind);
        Instant t0 = Instant.parse("2026-11-29T00:00:00Z");
        Instant deadline = schedule.deadline(kind.operation(), t0);
        int wait = schedule.firstWait(request, t0, deadline);
        JobState state = JobState.started("bench", request, "bench", t0, deadline, wait, schedule.expected(request));
        double elapsed = 0;
        int polls = 0;
        while (true) {
            elapsed += wait;
            polls++;
            Instant now = t0.plusMillis(Math.round(elapsed * 1000));
            if (elapsed >= finish || !now.isBefore(deadline)) {
                return new double[] {polls, Math.max(0, elapsed - finish)};
            }
            Integer progress = switch (reports) {
                case ACCURATE -> progress(elapsed / finish);
                case NONE -> null;
                case NOISY -> progress(elapsed / finish * (0.7 + 0.6 * random.nextDouble()));
                case BIASED -> progress(elapsed / finish * bias);
            };
            JobState seen = state.read(progress, elapsed);
            PollSchedule.Look look = schedule.next(seen, now);
            state = seen.pending(progress, look.seconds());
            wait = look.seconds();
        }
    }

    /** The fixed 5 s poller: looks at 5, 10, 15 s... after submit. */
    static Result fixed(Kind kind, int jobs, long seed) {
        double[][] outcomes = IntStream.range(0, jobs)
                .mapToObj(i -> {
                    double finish = kind.draw(new SplittableRandom(seed * 1_000_003L + i));
                    double polls = Math.max(1, Math.ceil(finish / 5));
                    return new double[] {polls, polls * 5 - finish};
                })
                .toArray(double[][]::new);
        return summarize(kind.name(), "fixed 5 s poller, for comparison", false, outcomes);
    }

    /** xAI's progress while pending: whole percent, 0 to 99. */
    private static int progress(double fraction) {
        return (int) Math.max(0, Math.min(99, Math.floor(100 * fraction)));
    }

    private static JobRequest request(Kind kind) {
        return new JobRequest(
                kind.operation(),
                "bench",
                "bench",
                null,
                new JobRequest.Options(null, null, kind.resolution(), kind.duration()),
                null,
                Map.of(),
                null,
                null,
                null);
    }

    private static Result summarize(String kind, String reports, boolean told, double[][] outcomes) {
        double polls = Arrays.stream(outcomes).mapToDouble(o -> o[0]).average().orElse(0);
        double[] delays =
                Arrays.stream(outcomes).mapToDouble(o -> o[1]).sorted().toArray();
        return new Result(kind, reports, told, outcomes.length, polls, quantile(delays, 0.5), quantile(delays, 0.9));
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** The frontier's polls at a median delay, linear between its points and beyond them. */
    static double frontier(double median) {
        double[] a = FRONTIER[0];
        double[] b = FRONTIER[1];
        return a[1] + (b[1] - a[1]) * (median - a[0]) / (b[0] - a[0]);
    }

    /** {target, goal, measured, verdict} for the video rows: with the defaults, then with the settings told. */
    private static List<String[]> targets(List<Result> results) {
        List<String[]> rows = new ArrayList<>();
        Map<Reports, double[]> limits = new LinkedHashMap<>();
        limits.put(Reports.ACCURATE, new double[] {2.2, 1.5});
        limits.put(Reports.NOISY, new double[] {3.6, 2.5});
        limits.put(Reports.BIASED, new double[] {4.0, 2.5});
        for (boolean told : new boolean[] {false, true}) {
            for (var e : limits.entrySet()) {
                Result r = find(results, VIDEO, e.getKey().label, told);
                boolean met = r.polls() <= e.getValue()[0] && r.median() <= e.getValue()[1];
                rows.add(new String[] {
                    "video, " + e.getKey().name().toLowerCase(Locale.ROOT) + " progress, "
                            + (told ? "settings " + e.getKey().told() : "default settings"),
                    String.format(
                            Locale.ROOT, "≤ %.1f polls at ≤ %.1f s median delay", e.getValue()[0], e.getValue()[1]),
                    String.format(Locale.ROOT, "%.2f polls at %.2f s", r.polls(), r.median()),
                    met ? "met" : "missed"
                });
            }
        }
        Result none = find(results, VIDEO, Reports.NONE.label, false);
        double limit = 1.1 * frontier(none.median());
        rows.add(new String[] {
            "video, no progress, default settings",
            String.format(
                    Locale.ROOT,
                    "within 10%% of the optimal frontier: ≤ %.2f polls at its %.2f s median delay",
                    limit,
                    none.median()),
            String.format(Locale.ROOT, "%.2f polls at %.2f s", none.polls(), none.median()),
            none.polls() <= limit ? "met" : "missed"
        });
        return rows;
    }

    private static Result find(List<Result> results, Kind kind, String reports, boolean told) {
        return results.stream()
                .filter(r -> r.kind().equals(kind.name()) && r.reports().equals(reports) && r.told() == told)
                .findFirst()
                .orElseThrow();
    }

    private static String report(List<Result> results, List<String[]> targets, int jobs, long seed, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Poll schedule benchmark\n\n")
                .append("Generated by `bench/polls --jobs ")
                .append(jobs)
                .append(" --seed ")
                .append(seed)
                .append("` in ")
                .append(String.format(Locale.ROOT, "%.0f", seconds))
                .append(" s; rerun it to regenerate this file (`bench/polls --help` lists the options).\n\n")
                .append("""
                        The product's own `PollSchedule`, configured by `application.properties` as deployed, plans every \
                        look at simulated jobs: each job's generation time is drawn from a lognormal, and every look the \
                        schedule asks for finds the job done (its finish is then detected, late by the delay below) or \
                        pending with the progress xAI would report. Waits are whole seconds, as a Step Functions Wait \
                        takes them; no latency is added. The fixed 5 s poller looks at 5, 10, 15 s... after submit.

                        Progress models: *accurate*, `floor(100 · elapsed / total)`; *none*, an empty 202; *noisy*, each \
                        reading times its own factor uniform in 0.7–1.3; *biased*, every reading of a job times one \
                        factor uniform in 0.7–1.3 drawn for that job. Readings are capped at 99 while pending.

                        """);
        for (Kind kind : List.of(VIDEO, IMAGE)) {
            md.append("## ")
                    .append(Character.toUpperCase(kind.name().charAt(0)))
                    .append(kind.name().substring(1))
                    .append(String.format(
                            Locale.ROOT,
                            ": generation time lognormal, median %.0f s, p90 %.0f s, %d jobs per row\n\n",
                            kind.median(),
                            kind.p90(),
                            jobs))
                    .append(
                            "| xAI's progress reports | settings | polls/job | median detection delay (s) | p90 (s) |\n")
                    .append("| --- | --- | ---: | ---: | ---: |\n");
            for (Result r : results) {
                if (r.kind().equals(kind.name())) {
                    String settings = r.reports().startsWith("fixed")
                            ? "—"
                            : r.told()
                                    ? Arrays.stream(Reports.values())
                                            .filter(x -> x.label.equals(r.reports()))
                                            .findFirst()
                                            .orElseThrow()
                                            .told()
                                    : "defaults";
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %.2f | %.2f | %.2f |\n",
                            r.reports(),
                            settings,
                            r.polls(),
                            r.median(),
                            r.p90()));
                }
            }
            md.append('\n');
        }
        md.append("## Targets (video)\n\n| target | goal | measured | verdict |\n| --- | --- | --- | --- |\n");
        for (String[] t : targets) {
            md.append("| ").append(String.join(" | ", t)).append(" |\n");
        }
        md.append(String.format(Locale.ROOT, """

                The optimal frontier without progress (%.1f polls at a %.0f s median delay, %.1f at %.0f s, for this \
                lognormal) is the target's own reference, taken as a line between its two points.

                Why the defaults cannot meet every target at once: exact reports and reports with a steady per-job \
                bias cannot be told apart while the job runs (a job whose reports run 20%% behind reads exactly like \
                an unbiased job 20%% slower, until it finishes early), so settings that allow for a bias keep \
                looking around the predicted finish of an exact job too, and settings that do not allow for one \
                look late at a biased job. The defaults allow for both, and the delay weight sets one trade-off for \
                all kinds; the rows with settings that describe the reports show what each kind costs when the \
                deployment knows it.
                """, FRONTIER[0][1], FRONTIER[0][0], FRONTIER[1][1], FRONTIER[1][0]));
        return md.toString();
    }

    private static String summary(List<Result> results, List<String[]> targets, boolean met, int jobs, double s) {
        StringBuilder json = new StringBuilder("{\"bench\":\"polls\",\"jobs\":").append(jobs);
        json.append(String.format(Locale.ROOT, ",\"seconds\":%.1f,\"targetsMet\":%s,\"rows\":[", s, met));
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            json.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"kind\":\"%s\",\"reports\":\"%s\",\"told\":%s,\"polls\":%.3f,\"medianDelay\":%.3f,"
                                    + "\"p90Delay\":%.3f}",
                            r.kind(),
                            r.reports().split(" ")[0],
                            r.told(),
                            r.polls(),
                            r.median(),
                            r.p90()));
        }
        json.append("],\"targets\":[");
        for (int i = 0; i < targets.size(); i++) {
            json.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"target\":\"%s\",\"met\":%s}",
                            targets.get(i)[0],
                            targets.get(i)[3].equals("met")));
        }
        return json.append("]}").toString();
    }

    /** The product's settings from application.properties, as a deployed function reads them. */
    static JobConfig config(Map<String, String> settings) throws IOException {
        URL properties = PollsBench.class.getResource("/application.properties");
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(JobConfig.class);
        if (properties != null) {
            builder.withSources(new PropertiesConfigSource(properties, 250));
        }
        builder.withSources(new PropertiesConfigSource(settings, "bench/polls --set", 400));
        SmallRyeConfig config = builder.build();
        return config.getConfigMapping(JobConfig.class);
    }

    private static Map<String, String> options(String[] args, Map<String, String> settings) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help")) {
                options.put("help", "");
            } else if (a.equals("--set")) {
                String setting = i + 1 < args.length ? args[++i] : "";
                int eq = setting.indexOf('=');
                if (eq <= 0 || !setting.startsWith("imagine.")) {
                    throw new IllegalArgumentException("--set takes imagine.<setting>=<value>, got " + setting);
                }
                settings.put(setting.substring(0, eq), setting.substring(eq + 1));
            } else if (List.of("--jobs", "--seed", "--out").contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                options.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return options;
    }

    private static long number(Map<String, String> options, String name, long fallback, long min, long max) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            System.err.println("--" + name + " must be a whole number, got " + value + "\n" + USAGE);
            System.exit(2);
            return fallback;
        }
        if (n < min || n > max) {
            System.err.println("--" + name + " must be between " + min + " and " + max + ", got " + n + "\n" + USAGE);
            System.exit(2);
        }
        return n;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
