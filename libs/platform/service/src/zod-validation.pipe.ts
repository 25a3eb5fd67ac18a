import { parseInput } from '@gov/kernel';
import type { PipeTransform } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { z } from 'zod';

/** Validates a message against its contract's zod schema; a failure is one VALIDATION error naming every field. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseInput(this.schema, value);
  }
}

/** `@Input(CreateUnitInput) input: z.output<typeof CreateUnitInput>`: the payload, validated. */
export const Input = (schema: z.ZodType): ParameterDecorator => Payload(new ZodValidationPipe(schema));
