package org.dualoffline.se.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.ProbeApplet;
import org.dualoffline.se.TxProbeApplet;
import org.dualoffline.se.seal.rogue.ExitingApplet;
import org.dualoffline.se.seal.rogue.HaltingApplet;
import org.dualoffline.se.seal.rogue.LongArithmeticApplet;
import org.dualoffline.se.seal.rogue.NativeApplet;
import org.dualoffline.se.seal.rogue.ReflectingApplet;
import org.dualoffline.se.seal.rogue.ThreadStartingApplet;
import org.junit.jupiter.api.Test;

/**
 * The sealed SE: an applet whose bytecode a Java Card converter would refuse is never loaded,
 * and the refusal names each offending class and member. The rogue applets are built into jars
 * as a vendor would ship them ({@link AppletJars}).
 */
class JavaCardCheckTest {
    private static final String ROGUE = "org.dualoffline.se.seal.rogue.";
    private static final String PROCESS = "process(Ljavacard/framework/APDU;)V";

    @Test
    void theRuntimeTestsProbeAppletsAreJavaCardCodeThoughTheirFolderHoldsJUnitTests() throws Exception {
        assertThat(JavaCardCheck.check(testClasses(), ProbeApplet.class.getName())).isEmpty();
        assertThat(JavaCardCheck.check(testClasses(), TxProbeApplet.class.getName())).isEmpty();
        assertThat(AppletSource.ofClass(ProbeApplet.class.getName()).load()).isNotNull();
    }

    @Test
    void anAppletThatHaltsTheJvmIsRefusedBeforeItIsLoaded() throws Exception {
        AppletSource halting = AppletSource.fromJar(AppletJars.write("halting", HaltingApplet.class), HaltingApplet.class.getName());

        NotJavaCardException refused = catchThrowableOfType(halting::load, NotJavaCardException.class);

        assertThat(lines(refused.findings())).containsExactly(
                ROGUE + "HaltingApplet." + PROCESS + " calls java.lang.Runtime.getRuntime()Ljava/lang/Runtime;",
                ROGUE + "HaltingApplet." + PROCESS + " calls java.lang.Runtime.halt(I)V");
        assertThat(refused).hasMessageStartingWith(ROGUE + "HaltingApplet from halting.jar is not Java Card code, a Java Card converter "
                + "would refuse it (2 findings):\n  " + ROGUE + "HaltingApplet." + PROCESS + " calls java.lang.Runtime.getRuntime()");
        assertThatThrownBy(halting::load).as("the verdict stands for every SE").isInstanceOf(NotJavaCardException.class)
                .hasMessage(refused.getMessage());
    }

    @Test
    void anAppletThatReflectsIntoTheHarnessIsRefused() throws Exception {
        assertThat(refusals("reflecting", ReflectingApplet.class)).containsExactly(
                ROGUE + "ReflectingApplet." + PROCESS + " catches java.lang.ReflectiveOperationException",
                ROGUE + "ReflectingApplet." + PROCESS + " uses the String constant \"org.dualoffline.se.runtime.Jcre\"",
                ROGUE + "ReflectingApplet." + PROCESS + " calls java.lang.Class.forName(Ljava/lang/String;)Ljava/lang/Class;",
                ROGUE + "ReflectingApplet." + PROCESS + " uses the String constant \"memory\"",
                ROGUE + "ReflectingApplet." + PROCESS + " calls java.lang.Class.getDeclaredField(Ljava/lang/String;)Ljava/lang/reflect/Field;",
                ROGUE + "ReflectingApplet." + PROCESS + " calls java.lang.reflect.Field.setAccessible(Z)V");
    }

    @Test
    void anAppletThatStartsAThreadIsRefusedAndSoIsTheClassOfItsOwnThatItRuns() throws Exception {
        assertThat(refusals("thread-starting", ThreadStartingApplet.class, Class.forName(ROGUE + "Spinner"))).containsExactly(
                ROGUE + "ThreadStartingApplet." + PROCESS + " creates java.lang.Thread",
                ROGUE + "ThreadStartingApplet." + PROCESS + " calls java.lang.Thread.<init>(Ljava/lang/Runnable;)V",
                ROGUE + "ThreadStartingApplet." + PROCESS + " calls java.lang.Thread.start()V",
                ROGUE + "Spinner implements java.lang.Runnable");
    }

    @Test
    void anAppletThatLooksForTheHarnessAndExitsIsRefused() throws Exception {
        assertThat(refusals("exiting", ExitingApplet.class)).containsExactly(
                ROGUE + "ExitingApplet." + PROCESS + " uses the String constant \"dualoffline.root\"",
                ROGUE + "ExitingApplet." + PROCESS + " calls java.lang.System.getProperty(Ljava/lang/String;)Ljava/lang/String;",
                ROGUE + "ExitingApplet." + PROCESS + " calls java.lang.System.exit(I)V");
    }

    @Test
    void anAppletWithANativeMethodIsRefused() throws Exception {
        assertThat(refusals("native", NativeApplet.class)).containsExactly(ROGUE + "NativeApplet.poke([B)V is native");
    }

    @Test
    void anAppletThatAddsInLongIsRefusedWhereverTheLongIs() throws Exception {
        assertThat(refusals("long-arithmetic", LongArithmeticApplet.class)).containsExactly(
                ROGUE + "LongArithmeticApplet.total uses long",
                ROGUE + "LongArithmeticApplet." + PROCESS + " reads " + ROGUE + "LongArithmeticApplet.total, which uses long",
                ROGUE + "LongArithmeticApplet." + PROCESS + " uses long conversion (I2L)",
                ROGUE + "LongArithmeticApplet." + PROCESS + " uses long arithmetic (LADD)",
                ROGUE + "LongArithmeticApplet." + PROCESS + " writes " + ROGUE + "LongArithmeticApplet.total, which uses long");
    }

    @Test
    void whatJavacMakesOfConstructsJavaCardHasNotIsRefusedWhereItIs() throws Exception {
        String applet = NotConvertibleApplet.class.getName();
        List<String> found = lines(JavaCardCheck.check(testClasses(), applet));

        assertThat(found).contains(
                applet + ".concatenates(S)V uses invokedynamic (a lambda, a method reference or a string concatenation: "
                        + "java.lang.invoke.StringConcatFactory.makeConcatWithConstants)",
                applet + ".usesALambda()V uses invokedynamic (a lambda, a method reference or a string concatenation: "
                        + "java.lang.invoke.LambdaMetafactory.metafactory)",
                applet + ".$assertionsDisabled is javac's flag for assert statements: Java Card has no assert (nor Class.desiredAssertionStatus)",
                applet + ".<clinit>()V calls java.lang.Class.desiredAssertionStatus()Z",
                applet + ".asserts(S)V creates java.lang.AssertionError",
                applet + ".synchronizes()V uses synchronization (MONITORENTER)",
                applet + ".isSynchronized()V is synchronized: Java Card has no threads",
                applet + ".usesAChar([B)V uses char values (I2C)",
                applet + ".usesAChar([B)V has a local variable c that uses char",
                applet + ".hashes()V calls java.lang.Object.hashCode()I, which Java Card's java.lang.Object has not",
                applet + ".makesAMatrix()V creates a multi-dimensional array byte[][] (MULTIANEWARRAY)",
                applet + "$Mode is an enum: Java Card has no enums (use byte constants)",
                applet + "$Mode extends java.lang.Enum",
                applet + "$1.<clinit>()V catches java.lang.NoSuchFieldError",
                applet + ".boxes(S)V calls java.lang.Short.valueOf(S)Ljava/lang/Short;",
                applet + ".usesAClassLiteral()V uses the class literal " + applet + ".class (java.lang.Class)",
                applet + ".clonesAnArray()V calls byte[].clone()Ljava/lang/Object;, which Java Card's arrays have not",
                applet + ".printsAStackTrace()V calls " + applet + "$Oops.printStackTrace()V, inherited from java.lang.RuntimeException, "
                        + "which has not that method in Java Card",
                applet + "$Oops.serialVersionUID uses long");
        assertThat(found).as("int arithmetic and Object.equals are Java Card").noneMatch(f -> f.startsWith(applet + ".addsInts(")
                || f.startsWith(applet + ".comparesWithEquals(") || f.startsWith(applet + ".process("));
    }

    @Test
    void aClassThatTheHarnessLoadsItselfIsNeverTheApplets() throws Exception {
        Path jar = AppletJars.write("thread-starting", ThreadStartingApplet.class, Class.forName(ROGUE + "Spinner"));

        List<Finding> findings = JavaCardCheck.check(jar.toUri().toURL(), ThreadStartingApplet.class.getName(),
                name -> name.equals(ROGUE + "Spinner"));

        assertThat(lines(findings)).contains(ROGUE + "ThreadStartingApplet." + PROCESS + " creates " + ROGUE + "Spinner");
    }

    @Test
    void anAppletClassThatIsNotInItsJarIsNotFoundThereNorTakenFromTheHarness() throws Exception {
        Path jar = AppletJars.write("halting", HaltingApplet.class);

        assertThatThrownBy(() -> AppletSource.fromJar(jar, ProbeApplet.class.getName()).load()).isNotInstanceOf(NotJavaCardException.class)
                .hasMessage("applet class " + ProbeApplet.class.getName() + " not found in " + jar);
    }

    private static List<String> refusals(String jarName, Class<?>... classes) throws Exception {
        AppletSource source = AppletSource.fromJar(AppletJars.write(jarName, classes), classes[0].getName());
        return lines(catchThrowableOfType(source::load, NotJavaCardException.class).findings());
    }

    private static List<String> lines(List<Finding> findings) {
        return findings.stream().map(Finding::toString).toList();
    }

    private static Path testClasses() throws URISyntaxException {
        return Path.of(ProbeApplet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
