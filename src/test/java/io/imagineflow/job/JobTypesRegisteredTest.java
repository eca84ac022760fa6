package io.imagineflow.job;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the functions take and give as JSON (the job state and the job record, the batch's record and its opening,
 * and every product type inside them) is bound by Jackson, which in a native executable sees only registered classes.
 */
class JobTypesRegisteredTest {

    @Test
    void everyTypeInTheStateAndTheRecordIsRegisteredForReflection() {
        Set<String> missing = new TreeSet<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(
                JobState.class,
                JobRecord.class,
                io.imagineflow.batch.BatchRecord.class,
                io.imagineflow.batch.BatchService.Opened.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.getName().startsWith("io.imagineflow.") || !seen.add(type)) {
                continue;
            }
            if (!type.isAnnotationPresent(RegisterForReflection.class)) {
                missing.add(type.getName());
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    add(component.getGenericType(), todo);
                }
            }
        }
        assertTrue(seen.size() >= 8, "walked " + seen);
        assertEquals(Set.of(), missing);
    }

    private static void add(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.push(c);
        } else if (type instanceof ParameterizedType p) {
            add(p.getRawType(), todo);
            for (Type argument : p.getActualTypeArguments()) {
                add(argument, todo);
            }
        }
    }
}
