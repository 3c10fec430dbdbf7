package org.dualoffline.se.runtime;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Type;

/**
 * The Java Card API methods that change persistent state the platform keeps for the applet (a
 * PIN's, a key's), and which class's code a call to one of them runs for a given receiver: the
 * platform's, or an applet class's own override (which the runtime instruments like the rest of
 * the applet).
 */
final class StatefulApi {
    /** Name and descriptor ("update([BSB)V") of every such method that is not a getter. */
    static final Set<String> SIGNATURES = signatures(javacard.framework.OwnerPIN.class, javacard.security.KeyPair.class,
            javacard.security.AESKey.class, javacard.security.DESKey.class, javacard.security.HMACKey.class,
            javacard.security.KoreanSEEDKey.class, javacard.security.ECPrivateKey.class, javacard.security.ECPublicKey.class,
            javacard.security.RSAPrivateKey.class, javacard.security.RSAPrivateCrtKey.class, javacard.security.RSAPublicKey.class,
            javacard.security.DSAPrivateKey.class, javacard.security.DSAPublicKey.class);

    private static final ClassValue<ConcurrentHashMap<String, Boolean>> PLATFORM_CODE = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Boolean> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private StatefulApi() {}

    /** Whether {@code name desc} called on an object of {@code receiver} runs the platform's code (true) or an applet class's override. */
    static boolean platformCode(Class<?> receiver, String name, String desc) {
        return PLATFORM_CODE.get(receiver).computeIfAbsent(name + desc, k -> {
            for (Class<?> c = receiver; c != null; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(desc) && !Modifier.isAbstract(m.getModifiers())) {
                        return platformClass(c);
                    }
                }
            }
            return true; // an interface's method the platform implements
        });
    }

    static boolean platformClass(Class<?> c) {
        String n = c.getName();
        return n.startsWith("javacard.") || n.startsWith("javacardx.") || n.startsWith("com.licel.");
    }

    private static Set<String> signatures(Class<?>... types) {
        Set<String> s = new HashSet<>();
        for (Class<?> t : types) {
            for (Method m : t.getMethods()) {
                if (!m.getName().startsWith("get") && !m.getName().startsWith("is") && m.getDeclaringClass() != Object.class) {
                    s.add(m.getName() + Type.getMethodDescriptor(m));
                }
            }
        }
        return Set.copyOf(s);
    }
}
