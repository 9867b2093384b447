import { TOPIC_DEFS } from '../../topics/index.js'
import type { TopicDef } from '../../topics/index.js'
import type { AdviceProvider, ProviderRequest, Topic } from '../../types.js'

/** The local words of a request, from its topic's template. */
function localWords<T extends Topic> (request: ProviderRequest<T>, def: TopicDef<T>): string {
  return def.local(request)
}

/** Deterministic advisor: always available, used without a key and whenever Gemini fails. */
export function createLocalProvider (): AdviceProvider {
  return {
    name: 'local',
    async write (request: ProviderRequest) {
      return { text: localWords(request, TOPIC_DEFS[request.topic]) }
    }
  }
}
