/** Writes the Act-On Readiness fix log from the events the fix writer publishes (see ReadinessFixLog). */
trigger ReadinessFixEventTrigger on Readiness_Fix_Event__e(after insert) {
    ReadinessFixLog.handle(Trigger.new);
}
