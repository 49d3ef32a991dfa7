using Akka.Actor;
using AkkaZk.Sessions;

namespace AkkaZk.Zab;

/// <summary>LearnerHandler's REVALIDATE: a learner's client reconnects, and only the leader's session tracker knows whether its session lives.</summary>
internal sealed partial class LeaderActor
{
    private void OnRevalidate(Revalidate revalidate) => FromLearner(revalidate.Sid, _ =>
    {
        // a learner serves (and so revalidates) only after this leader is established; before that it gets no answer
        if (_established)
            _sessions.Tell(new SessionsProtocol.ValidateForLearner(revalidate.Sid, revalidate.SessionId, revalidate.TimeoutMs));
    });

    private void OnValidatedForLearner(SessionsProtocol.ValidatedForLearner validated)
    {
        if (_learners.TryGetValue(validated.Sid, out var learner))
            learner.Send(new RevalidateAnswer(validated.SessionId, validated.Valid));
    }
}
