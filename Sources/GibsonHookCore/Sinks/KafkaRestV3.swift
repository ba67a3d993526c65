import Foundation

/// Confluent REST v3: `POST {url}/v3/clusters/{cluster}/topics/{topic}/records` with N concatenated
/// ProduceRequest objects in one non-chunked body, answered by N delivery reports.
extension KafkaRestSink {
    /// Content type of the CloudEvent carried in the record value (CloudEvents Kafka binding §3.3.1).
    static let cloudEventsContentType = "application/cloudevents+json; charset=UTF-8"

    /// Cache key of the discovered cluster id for this proxy.
    var clusterCacheKey: String { "kafka-rest.v3.cluster-id \(SinkResponses.cacheIdentity(of: baseURL))" }

    /// One ProduceRequest: key as STRING, value as JSON (the structured CloudEvent), CloudEvents attributes
    /// as `ce_*` headers with base64 values. `type` is always present, and there is no `records` wrapper.
    static func v3Record(_ event: OutboundEvent, into writer: inout EventJSONWriter) {
        writer.raw("{")
        if let key = event.key {
            writer.raw("\"key\":{\"type\":\"STRING\",\"data\":")
            writer.string(key)
            writer.raw("},")
        }
        writer.raw("\"value\":{\"type\":\"JSON\",\"data\":")
        writer.event(event)
        writer.raw("},\"headers\":[")
        var headers: [(StaticString, String)] = [
            ("ce_id", event.event.id), ("ce_specversion", CloudEvent.specVersion), ("ce_type", event.event.type),
            ("ce_source", event.event.source),
        ]
        if let time = event.event.time { headers.append(("ce_time", time)) }
        if let subject = event.event.subject { headers.append(("ce_subject", subject)) }
        headers.append(("content-type", cloudEventsContentType))
        for (index, header) in headers.enumerated() {
            writer.raw(index > 0 ? ",{\"name\":\"" : "{\"name\":\"")
            writer.raw(header.0)
            writer.raw("\",\"value\":")
            writer.string(Data(header.1.utf8).base64EncodedString())
            writer.raw("}")
        }
        writer.raw("]}")
    }

    /// The records of one request, one object per line.
    static func v3Body(_ events: [OutboundEvent]) -> Data {
        var writer = EventJSONWriter(capacity: events.count * 900)
        for (index, event) in events.enumerated() {
            if index > 0 { writer.raw("\n") }
            v3Record(event, into: &writer)
        }
        return Data(writer.bytes)
    }

    func produceV3(
        _ events: [OutboundEvent], topic: String, authorization: HTTPHeader?, deadline: Date
    ) -> [DeliveryOutcome] {
        var rediscovered = false
        while true {
            let cluster: (id: String, discovered: Bool)
            switch clusterId(authorization: authorization, deadline: deadline) {
            case .success(let found): cluster = found
            case .failure(let failure): return all(events, failure.outcome)
            }
            var headers = [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Accept", "application/json")]
            if let authorization { headers.append(authorization) }
            let url = "\(baseURL)/v3/clusters/\(SinkResponses.pathSegment(cluster.id))/topics/"
                + "\(SinkResponses.pathSegment(topic))/records"
            let request = HTTPRequest(
                method: .post, url: url, headers: headers, body: Self.v3Body(events),
                responseLimit: Self.responseLimit(records: events.count))
            let response: HTTPResponse
            do {
                response = try transport.send(request, deadline: deadline)
            } catch {
                return all(events, SinkResponses.transportFailure(error))
            }
            // A discovered id can go stale (the proxy now fronts another cluster): forget it and ask again once.
            if response.status == 404, cluster.discovered, !rediscovered {
                cache.setValue(nil, for: clusterCacheKey)
                rediscovered = true
                continue
            }
            if let outcome = requestLevelOutcome(response) { return all(events, outcome) }
            return Self.v3Outcomes(response, count: events.count)
        }
    }

    /// A failed cluster discovery, carrying the outcome every event of the request gets.
    struct DiscoveryFailure: Error {
        let outcome: DeliveryOutcome
    }

    /// The configured cluster id, else the cached one, else the first cluster `GET /v3/clusters` lists.
    func clusterId(authorization: HTTPHeader?, deadline: Date) -> Result<(id: String, discovered: Bool), DiscoveryFailure> {
        if let configured = settings.clusterId, !configured.isEmpty { return .success((configured, false)) }
        if let cached = cache.value(for: clusterCacheKey), !cached.isEmpty { return .success((cached, true)) }
        var headers = [HTTPHeader("Accept", "application/json")]
        if let authorization { headers.append(authorization) }
        let request = HTTPRequest(method: .get, url: "\(baseURL)/v3/clusters", headers: headers)
        let response: HTTPResponse
        do {
            response = try transport.send(request, deadline: deadline)
        } catch {
            return .failure(DiscoveryFailure(outcome: SinkResponses.transportFailure(error)))
        }
        if let outcome = requestLevelOutcome(response) {
            return .failure(DiscoveryFailure(outcome: Self.prefixed(outcome, "discovering the v3 cluster id: ")))
        }
        let clusters = SinkResponses.json(response.body)?["data"]?.arrayValue ?? []
        guard let id = clusters.first?["cluster_id"]?.stringValue, !id.isEmpty else {
            let reason = "kafka rest proxy listed no cluster at '\(ConfigSecrets.maskURL(baseURL))/v3/clusters': set the cluster id in the config"
            return .failure(DiscoveryFailure(outcome: .retry(reason: reason, retryAfter: nil)))
        }
        cache.setValue(id, for: clusterCacheKey)
        return .success((id, true))
    }

    /// Delivery reports in request order: 200 delivered; 429, 408 and 50003 retried; anything else permanent.
    /// Records without a report (a truncated stream) are retried.
    static func v3Outcomes(_ response: HTTPResponse, count: Int) -> [DeliveryOutcome] {
        let reports = ConcatenatedJSONReader.values(in: response.body).values
        return (0..<count).map { index in
            guard index < reports.count else {
                return .retry(
                    reason: "kafka rest proxy sent \(reports.count) delivery reports for \(count) records: outcome unknown",
                    retryAfter: nil)
            }
            let report = reports[index]
            guard let code = report["error_code"]?.intValue else {
                return .retry(reason: "kafka delivery report without error_code: outcome unknown", retryAfter: nil)
            }
            if code == 200 { return .delivered }
            let text = report["message"]?.stringValue ?? "no reason given"
            let reason = "kafka error \(code): \(SinkResponses.truncate(text))"
            return [429, 408, 50003].contains(code) ? .retry(reason: reason, retryAfter: nil) : .permanent(reason: reason)
        }
    }

    /// `outcome` with `prefix` before its reason.
    static func prefixed(_ outcome: DeliveryOutcome, _ prefix: String) -> DeliveryOutcome {
        switch outcome {
        case .delivered: return .delivered
        case .retry(let reason, let after): return .retry(reason: prefix + reason, retryAfter: after)
        case .permanent(let reason): return .permanent(reason: prefix + reason)
        case .gone(let reason): return .gone(reason: prefix + reason)
        case .notSent(let reason): return .notSent(reason: prefix + reason)
        }
    }
}
