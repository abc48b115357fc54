// Freight aliases as Kargo's Freight webhook makes them: `<descriptor>-<animal>`
// picked at random (Kargo uses the moniker word lists; these lists are our
// own, same shape), retried until no Freight in the namespace carries it in
// its `kargo.akuity.io/alias` label.

import type { KubeClient } from '../../kube/client.js';
import { resources } from '../../kube/resources.js';
import { ALIAS_LABEL } from '../../model/labels.js';

const DESCRIPTORS = (
  'agile amber ancient autumn bold brave breezy bright brisk calm candid careful cheerful clever cosmic cozy crimson crisp curious dapper ' +
  'daring dazzling eager early earnest easy elegant fancy fearless festive fierce fluffy fond frosty gentle giddy gleaming golden graceful ' +
  'grand happy hardy hasty hazy honest humble icy jolly jovial keen kind lively lucky lunar mellow merry mighty misty modest nimble noble ' +
  'patient peaceful plucky polished proud quick quiet radiant rapid rustic sandy serene sharp shiny silent silver sleek smooth snowy solar ' +
  'speedy spry steady stellar stormy sturdy sunny swift tidy tranquil trusty velvet vivid warm wild windy wise witty young zealous zesty'
).split(' ');

const ANIMALS = (
  'albatross alpaca antelope armadillo badger beaver bison bobcat buffalo camel caribou cheetah chipmunk cobra condor cougar coyote crane ' +
  'dolphin donkey dove eagle eel elk emu falcon ferret finch flamingo fox gazelle gecko gibbon giraffe goose gopher gorilla grouse hamster ' +
  'hare hawk hedgehog heron hippo husky ibex iguana jackal jaguar kangaroo kestrel kiwi koala lemur leopard lion llama lobster lynx macaw ' +
  'magpie manatee marmot meerkat mink mole moose narwhal newt ocelot octopus orca osprey otter owl panda panther parrot pelican penguin ' +
  'pika platypus puffin puma quail rabbit raccoon raven reindeer robin salmon seal shark sloth sparrow squid stork swan tapir tiger toucan ' +
  'turtle walrus weasel whale wolf wombat yak zebra'
).split(' ');

export function randomAlias(random: () => number = Math.random): string {
  const pick = (words: readonly string[]) => words[Math.floor(random() * words.length)] ?? words[0];
  return `${pick(DESCRIPTORS)}-${pick(ANIMALS)}`;
}

/** An alias no Freight in `namespace` uses yet. */
export async function availableAlias(client: KubeClient, namespace: string, random?: () => number): Promise<string> {
  for (;;) {
    const alias = randomAlias(random);
    try {
      const { items } = await client.list(resources.freight, namespace, { labelSelector: `${ALIAS_LABEL}=${alias}` });
      if (items.length === 0) return alias;
    } catch (error) {
      throw new Error(`error checking for existence of Freight with alias "${alias}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
