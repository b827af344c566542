package io.storezero.keycloak.adapters;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * Checks of what an adapter relies on in Keycloak, by name, so that a Keycloak upgrade that removes, renames or
 * changes one of them fails here with "Keycloak moved X; adapt Y" instead of somewhere in a login. Classes are looked
 * up by name so the test compiles and reports even when the adapter itself no longer would.
 */
final class KeycloakContract {

    private final String adapter;

    private KeycloakContract(String adapter) {
        this.adapter = adapter;
    }

    static KeycloakContract of(Class<?> adapter) {
        return new KeycloakContract(adapter.getSimpleName());
    }

    Class<?> type(String className) {
        try {
            return Class.forName(className, false, KeycloakContract.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return fail(moved("class " + className));
        }
    }

    /** A method (public or protected, declared or inherited), with its exact return type. */
    Method method(String className, String name, Class<?> returnType, Class<?>... parameters) {
        Class<?> owner = type(className);
        String signature = className + "." + name + "(" + Arrays.stream(parameters).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ") returning " + returnType.getSimpleName();
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            try {
                Method method = c.getDeclaredMethod(name, parameters);
                if (Modifier.isPrivate(method.getModifiers())) {
                    return fail(moved(signature + " (it is private now)"));
                }
                if (!method.getReturnType().equals(returnType)) {
                    return fail(moved(signature + " (it returns " + method.getReturnType().getName() + " now)"));
                }
                return method;
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        return fail(moved(signature));
    }

    Method staticMethod(String className, String name, Class<?> returnType, Class<?>... parameters) {
        Method method = method(className, name, returnType, parameters);
        if (!Modifier.isStatic(method.getModifiers())) {
            fail(moved(className + "." + name + " (it is no longer static)"));
        }
        return method;
    }

    Constructor<?> constructor(String className, Class<?>... parameters) {
        try {
            Constructor<?> constructor = type(className).getDeclaredConstructor(parameters);
            if (Modifier.isPrivate(constructor.getModifiers())) {
                fail(moved("constructor " + className + "(" + Arrays.toString(parameters) + ") (it is private now)"));
            }
            return constructor;
        } catch (NoSuchMethodException e) {
            return fail(moved("constructor " + className + "(" + Arrays.stream(parameters).map(Class::getSimpleName)
                    .collect(Collectors.joining(", ")) + ")"));
        }
    }

    /** A field (declared or inherited) of the given type. */
    Field field(String className, String name, Class<?> type) {
        for (Class<?> c = type(className); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                if (!field.getType().equals(type)) {
                    return fail(moved("field " + className + "." + name + " (it is a " + field.getType().getName() + " now)"));
                }
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return fail(moved("field " + className + "." + name + " of type " + type.getSimpleName()));
    }

    /** A public static final constant with the value the bundle was written against. */
    void constant(String className, String name, Object expected) {
        Field field = field(className, name, expected.getClass());
        try {
            Object value = field.get(null);
            if (!expected.equals(value)) {
                fail(moved("the value of " + className + "." + name + " (\"" + expected + "\" is \"" + value + "\" now)"));
            }
        } catch (IllegalAccessException e) {
            fail(moved(className + "." + name + " (it is no longer public)"));
        }
    }

    void isSubclass(String className, String superName) {
        if (!type(superName).isAssignableFrom(type(className))) {
            fail(moved(className + " (no longer a " + superName + ")"));
        }
    }

    String moved(String what) {
        return "Keycloak moved " + what + "; adapt " + adapter;
    }
}
